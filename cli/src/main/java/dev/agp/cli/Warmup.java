package dev.agp.cli;

import dev.agp.client.AgpClient;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Readies the HTTP stack on a second core while the main thread builds the command-line model: a cold JVM
 * spends a tenth of a second loading and initialising OkHttp (its platform probe reads every security
 * provider), Retrofit, Moshi and the SDK before the first request. The warm-up answers one canned request
 * from an interceptor: it never opens a connection, sends no key, and is abandoned (a daemon thread) by
 * commands that make no request.
 */
final class Warmup {

  /** An empty page, as the spec's {@code SessionSummaryPage} example: enough to build every decoder. */
  static final String EMPTY_PAGE = "{\"items\":[],\"page\":1,\"total\":0}";

  /** Longer than any warm-up takes; past it the command goes on regardless (a warm-up only saves time). */
  private static final long MAX_WAIT_MILLIS = 5_000;

  private final Thread thread;

  private Warmup(Thread thread) {
    this.thread = thread;
  }

  /** @return a warm-up running on its own daemon thread */
  static Warmup start() {
    Thread thread = new Thread(Warmup::runQuietly, "agp-warm-up");
    thread.setDaemon(true);
    thread.start();
    return new Warmup(thread);
  }

  /**
   * Waits until the warm-up has finished, so that the command's own client never contends with it for the
   * initialisation of the same classes.
   */
  void await() {
    try {
      thread.join(MAX_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void runQuietly() {
    try {
      run();
    } catch (RuntimeException | Error e) {
      // Nothing to report: the command's own client does the same work, and reports what goes wrong.
    }
  }

  /** Lists one canned page through a throwaway client; throws if the SDK cannot decode it. */
  static void run() {
    OkHttpClient canned = new OkHttpClient.Builder()
        .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
        .callTimeout(MAX_WAIT_MILLIS, TimeUnit.MILLISECONDS)
        .addInterceptor(chain -> new Response.Builder()
            .request(chain.request())
            .protocol(Protocol.HTTP_1_1)
            .code(200)
            .message("OK")
            .body(ResponseBody.create(EMPTY_PAGE, MediaType.get("application/json")))
            .build())
        .build();
    // Port 9 (discard) is never contacted: the interceptor answers before any connection is made.
    try (AgpClient client = AgpClient.builder().apiKey("warm-up").baseUrl("http://127.0.0.1:9/").httpClient(canned).build()) {
      client.sessions().list(ListSessionsParams.none());
    } finally {
      canned.dispatcher().executorService().shutdown();
      canned.connectionPool().evictAll();
    }
  }
}
