package dev.agp.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Keeps OkHttp from retrying behind the retry policy's back. OkHttp silently repeats a request once when a
 * 503 carries {@code Retry-After: 0} (its other silent retries are off with
 * {@code retryOnConnectionFailure(false)}), which would make one attempt cost two requests and hide the
 * first answer; and it parses a 503's delay as an int, failing the call on a larger number. As a network
 * interceptor this sees the answer first and restates such delays as HTTP dates that mean the same to the
 * retry policy (RFC 9110, section 10.2.3: "now" as a date in the past, an absurd delay as one in year 9999)
 * and that OkHttp does not act on. Callers see the restated header.
 */
final class HiddenRetryGuard implements Interceptor {

  static final String PAST = "Thu, 01 Jan 1970 00:00:00 GMT";
  static final String FAR_FUTURE = "Fri, 31 Dec 9999 23:59:59 GMT";

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String retryAfter = response.header("Retry-After");
    if (response.code() != 503 || retryAfter == null || !retryAfter.trim().matches("\\d+")) {
      return response;
    }
    String digits = retryAfter.trim().replaceFirst("^0+(?=\\d)", "");
    if (digits.equals("0")) {
      return response.newBuilder().header("Retry-After", PAST).build();
    }
    if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
      // OkHttp parses a 503's delay as an int and throws on a larger one, failing the call with a
      // NumberFormatException; a date this far ahead means the same to RetryAfter: beyond any ceiling.
      return response.newBuilder().header("Retry-After", FAR_FUTURE).build();
    }
    return response;
  }
}
