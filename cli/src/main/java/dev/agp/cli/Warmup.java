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
 *
 * <p>Nothing waits for it. A command that needs the HTTP stack before the warm-up is done shares the rest of
 * the work with it: a class is initialised once, by whichever thread gets there first, while the other waits
 * for that class only (waiting for the whole warm-up instead cost about 10 ms a start).
 */
final class Warmup {

  /** An empty page, as the spec's {@code SessionSummaryPage} example: enough to build every decoder. */
  static final String EMPTY_PAGE = "{\"items\":[],\"page\":1,\"total\":0}";

  /** Longer than any warm-up takes: the canned call's own timeout. */
  private static final long MAX_MILLIS = 5_000;

  private Warmup() {}

  /** @return the warm-up's daemon thread, started */
  static Thread start() {
    Thread thread = new Thread(Warmup::runQuietly, "agp-warm-up");
    thread.setDaemon(true);
    thread.start();
    return thread;
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
        .callTimeout(MAX_MILLIS, TimeUnit.MILLISECONDS)
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
