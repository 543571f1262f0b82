package dev.agp.client;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the bearer key, the SDK's User-Agent and the client's default headers to every request. A default
 * header the request already has (from the call's {@link RequestOptions}) is left as the call set it.
 */
final class ClientHeadersInterceptor implements Interceptor {
  private final String authorization;
  private final Headers defaultHeaders;

  ClientHeadersInterceptor(String apiKey, Headers defaultHeaders) {
    this.authorization = "Bearer " + apiKey;
    this.defaultHeaders = defaultHeaders;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request original = chain.request();
    Request.Builder request = original.newBuilder();
    for (int i = 0; i < defaultHeaders.size(); i++) {
      if (original.header(defaultHeaders.name(i)) == null) {
        request.header(defaultHeaders.name(i), defaultHeaders.value(i));
      }
    }
    request.header("Authorization", authorization);
    request.header("User-Agent", SdkVersion.USER_AGENT);
    return chain.proceed(request.build());
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "ClientHeadersInterceptor{defaultHeaders=" + defaultHeaders.names() + "}";
  }
}
