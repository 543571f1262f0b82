package dev.agp.client;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Logs each attempt's request line and response status (and headers at {@link LogLevel#HEADERS}), redacted. */
final class LoggingInterceptor implements Interceptor {
  static final String REDACTED = "[redacted]";
  private static final Set<String> SENSITIVE = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

  static {
    SENSITIVE.addAll(Set.of("Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"));
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
      logHeaders(request.headers());
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
      logHeaders(response.headers());
    }
    return response;
  }

  private void logHeaders(Headers headers) {
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      sink.accept("    " + name + ": " + (SENSITIVE.contains(name) ? REDACTED : headers.value(i)));
    }
  }
}
