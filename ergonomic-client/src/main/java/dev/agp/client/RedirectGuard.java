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
 * loopback (the builder refuses such a base URL for the same reason), and any hop to {@code https} from a
 * client without TLS (the SDK builds one for a loopback {@code http} base URL), which would otherwise fail
 * obscurely or wait for timeouts. Allowed hops are followed by OkHttp,
 * which drops the {@code Authorization} header when a hop leaves the original host; each is logged when
 * logging is on.
 */
final class RedirectGuard implements Interceptor {

  private final @Nullable Consumer<String> log;
  private final boolean clearTextOnly;

  /**
   * @param log where followed hops are logged, or null
   * @param clearTextOnly whether the client has no TLS connection spec, so that https hops cannot succeed
   */
  RedirectGuard(@Nullable Consumer<String> log, boolean clearTextOnly) {
    this.log = log;
    this.clearTextOnly = clearTextOnly;
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
    String refusal = refusal(from, to, clearTextOnly);
    if (refusal == null) {
      refusal = callerHeadersRefusal(response.request(), from, to);
    }
    if (refusal != null) {
      response.close();
      throw new RedirectRefusedException(refusal, response.code(), from, to);
    }
    if (log != null) {
      log.accept("<-- " + response.code() + " " + describe(from) + " redirects to " + describe(to));
    }
    return response;
  }

  static @Nullable String refusal(HttpUrl from, HttpUrl to, boolean clearTextOnly) {
    if (clearTextOnly && to.isHttps()) {
      return "it leads to https, which this client does not speak (it was built for clear-text http): use the "
          + "https URL as the base URL";
    }
    if (from.isHttps() && !to.isHttps()) {
      return "it downgrades https to http";
    }
    if (!to.isHttps() && !BaseUrls.isLoopback(to.host())) {
      return "it leads to clear-text http on a host that is not loopback";
    }
    return null;
  }

  /**
   * OkHttp carries every header to the next hop and drops only Authorization when it leaves the origin;
   * headers a caller added (AgpClient.Builder.header, RequestOptions) may carry credentials too, so a
   * redirect to another origin is refused while the request has any. Names only: values may be secrets.
   */
  static @Nullable String callerHeadersRefusal(okhttp3.Request request, HttpUrl from, HttpUrl to) {
    boolean sameOrigin = from.scheme().equals(to.scheme()) && from.host().equals(to.host()) && from.port() == to.port();
    if (sameOrigin) {
      return null;
    }
    java.util.List<String> added = new java.util.ArrayList<>();
    for (String name : request.headers().names()) {
      if (!RequestOptions.RESERVED_HEADERS.contains(name)) {
        added.add(name);
      }
    }
    return added.isEmpty() ? null : "it leads to another host, and the request carries headers added by the caller ("
        + String.join(", ", added) + "), which would follow it there; redirects to another host are refused while "
        + "extra headers are set";
  }

  /** A URL without its credentials and query, either of which may carry secrets (signed tokens, say). */
  static String describe(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
  }
}
