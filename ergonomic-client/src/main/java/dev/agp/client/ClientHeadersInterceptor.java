package dev.agp.client;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Adds the bearer key, the SDK's User-Agent and the caller's default headers to every request. */
final class ClientHeadersInterceptor implements Interceptor {
  private final String authorization;
  private final Headers defaultHeaders;

  ClientHeadersInterceptor(String apiKey, Headers defaultHeaders) {
    this.authorization = "Bearer " + apiKey;
    this.defaultHeaders = defaultHeaders;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request.Builder request = chain.request().newBuilder();
    for (int i = 0; i < defaultHeaders.size(); i++) {
      request.header(defaultHeaders.name(i), defaultHeaders.value(i));
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
