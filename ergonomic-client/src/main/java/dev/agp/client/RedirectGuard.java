package dev.agp.client;

import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Sees every hop of a redirect (a network interceptor) and refuses the ones that would weaken transport
 * security: {@code https} to {@code http}, and any clear-text {@code http} hop to a host that is not
 * loopback (the builder refuses such a base URL for the same reason). Allowed hops are followed by OkHttp,
 * which drops the {@code Authorization} header when a hop leaves the original host; each is logged when
 * logging is on.
 */
final class RedirectGuard implements Interceptor {

  private final @Nullable Consumer<String> log;

  RedirectGuard(@Nullable Consumer<String> log) {
    this.log = log;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    if (!response.isRedirect()) {
      return response;
    }
    String location = response.header("Location");
    HttpUrl from = response.request().url();
    HttpUrl to = location == null ? null : from.resolve(location);
    if (to == null) {
      // OkHttp will not follow it either: the 3xx reaches the caller as an error response.
      return response;
    }
    String refusal = refusal(from, to);
    if (refusal != null) {
      response.close();
      throw new RedirectRefusedException(refusal, response.code(), from, to);
    }
    if (log != null) {
      log.accept("<-- " + response.code() + " " + describe(from) + " redirects to " + describe(to));
    }
    return response;
  }

  static @Nullable String refusal(HttpUrl from, HttpUrl to) {
    if (from.isHttps() && !to.isHttps()) {
      return "it downgrades https to http";
    }
    if (!to.isHttps() && !BaseUrls.isLoopback(to.host())) {
      return "it leads to clear-text http on a host that is not loopback";
    }
    return null;
  }

  /** A URL without its credentials and query, either of which may carry secrets (signed tokens, say). */
  static String describe(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }
}
