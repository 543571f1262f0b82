package dev.agp.client;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs each attempt's request line and response status (and headers at {@link LogLevel#HEADERS}), redacted:
 * credentials and cookies either way, and the value of every request header but those the SDK and OkHttp set,
 * since a header a caller adds (for the client, or for one call) may carry a gateway's token.
 */
final class LoggingInterceptor implements Interceptor {
  static final String REDACTED = "[redacted]";
  private static final Set<String> SENSITIVE = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    SENSITIVE.addAll(Set.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"));
  }

  /** Request headers whose values are shown: the SDK's and OkHttp's own, never a caller's. */
  private static final Set<String> SHOWN_REQUEST_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    SHOWN_REQUEST_HEADERS.addAll(Set.of("User-Agent", "Host", "Connection", "Accept-Encoding", "Content-Type",
        "Content-Length", "Transfer-Encoding"));
  }

  private final LogLevel level;
  private final Consumer<String> sink;

  LoggingInterceptor(LogLevel level, Consumer<String> sink) {
    this.level = level;
    this.sink = sink;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String line = request.method() + " " + request.url();
    sink.accept("--> " + line);
    if (level == LogLevel.HEADERS) {
      logHeaders(request.headers(), SHOWN_REQUEST_HEADERS::contains);
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      // A call timeout (or a cancel) closes the socket under the request: say so rather than "Socket closed".
      String why = chain.call().isCanceled() ? " (the call was cancelled: its timeout expired, or a caller cancelled it)" : "";
      sink.accept("<-- FAILED " + line + ": " + e + why);
      throw e;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    // After redirects, name where the answer came from (every hop is logged by RedirectGuard).
    String from = response.request().url().equals(request.url())
        ? line
        : line + " via " + RedirectGuard.describe(response.request().url());
    sink.accept("<-- " + response.code() + " " + from + " (" + millis + " ms)");
    if (level == LogLevel.HEADERS) {
      logHeaders(response.headers(), name -> !SENSITIVE.contains(name));
    }
    return response;
  }

  private void logHeaders(Headers headers, Predicate<String> shown) {
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      sink.accept("    " + name + ": " + (shown.test(name) ? headers.value(i) : REDACTED));
    }
  }
}
