package dev.agp.bench;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import com.squareup.moshi.JsonAdapter;
import dev.agp.client.AgpClient;
import dev.agp.client.SessionPage;
import dev.agp.generated.model.SessionSummaryPage;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Case 1: fetch and decode a 100-item page through the SDK's list call, and through a hand-written
 * baseline (plain OkHttp and a Moshi adapter for the same JSON), from the same loopback server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecodeBenchmark {

  private BenchServer server;
  private AgpClient client;
  private OkHttpClient http;
  private Request request;
  private final ListSessionsParams query = ListSessionsParams.builder().size(100).build();
  private final JsonAdapter<SessionSummaryPage> adapter = AgpMoshi.get().adapter(SessionSummaryPage.class);

  /** Starts the server and both clients. */
  @Setup(Level.Trial)
  public void start() {
    server = BenchServer.fixedPage(100);
    client = AgpClient.builder().baseUrl(server.baseUrl()).apiKey("bench-key").build();
    http = new OkHttpClient();
    request = new Request.Builder().url(server.baseUrl() + "api/v2/sessions?size=100")
        .header("Authorization", "Bearer bench-key").build();
  }

  /** Stops everything. */
  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    server.close();
  }

  /** @return the page, through the SDK */
  @Benchmark
  public SessionPage sdk() {
    return client.sessions().list(query);
  }

  /** @return the page, through plain OkHttp and Moshi */
  @Benchmark
  public SessionSummaryPage baseline() throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return adapter.fromJson(response.body().source());
    }
  }
}
