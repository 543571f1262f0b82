package dev.agp.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps OkHttp from retrying behind the retry policy's back. OkHttp silently repeats a request once when a
 * 503 carries {@code Retry-After: 0} (its other silent retries are off with
 * {@code retryOnConnectionFailure(false)}), which would make one attempt cost two requests and hide the
 * first answer. As a network interceptor this sees the answer first and restates "now" as an HTTP date in
 * the past, which means the same (RFC 9110, section 10.2.3) and which OkHttp does not act on.
 */
final class HiddenRetryGuard implements Interceptor {

  static final String PAST = "Thu, 01 Jan 1970 00:00:00 GMT";

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String retryAfter = response.header("Retry-After");
    if (response.code() == 503 && retryAfter != null && retryAfter.trim().matches("0+")) {
      return response.newBuilder().header("Retry-After", PAST).build();
    }
    return response;
  }
}
