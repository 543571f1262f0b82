package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.client.errors.AgpNetworkException;
import dev.agp.client.errors.UnauthorizedException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** Headers on the wire, HTTP logging and its redaction, client ownership and close. */
class TransportPolicyTest extends MockServerTestBase {

  @Test
  void everyRequestCarriesTheBearerKeyTheUserAgentAndDefaultHeaders() throws Exception {
    enqueueJson(200, Json.page(1, 0));
    AgpClient client = track(builder().header("X-Team", "growth").build());

    client.sessions().list(ListSessionsParams.none());

    RecordedRequest request = take();
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.getHeaders().get("User-Agent"))
        .matches("agp-java/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java " + System.getProperty("java.version").replace(".", "\\.") + "\\)");
    assertThat(request.getHeaders().get("X-Team")).isEqualTo("growth");
  }

  @Test
  void loggingIsOffByDefault() {
    List<String> lines = new CopyOnWriteArrayList<>();
    enqueueJson(200, Json.page(1, 0));
    track(builder().logger(lines::add).build()).sessions().list(ListSessionsParams.none());
    assertThat(lines).isEmpty();
  }

  @Test
  void basicLoggingShowsRequestLineAndStatusButNeverTheKey() {
    List<String> lines = new CopyOnWriteArrayList<>();
    enqueueJson(200, Json.page(1, 0));
    track(builder().logLevel(LogLevel.BASIC).logger(lines::add).build())
        .sessions().list(ListSessionsParams.builder().size(5).build());

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("--> GET http://").endsWith("/api/v2/sessions?size=5");
    assertThat(lines.get(1)).startsWith("<-- 200 GET http://").contains(" ms)");
    assertThat(String.join("\n", lines)).doesNotContain(KEY);
  }

  @Test
  void headerLoggingRedactsAuthorization() {
    List<String> lines = new CopyOnWriteArrayList<>();
    enqueueJson(200, Json.page(1, 0), "Set-Cookie", "session=abc");
    track(builder().logLevel(LogLevel.HEADERS).logger(lines::add).build()).sessions().list(ListSessionsParams.none());

    assertThat(lines).contains("    Authorization: [redacted]", "    Set-Cookie: [redacted]");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("    User-Agent: agp-java/"));
    assertThat(String.join("\n", lines)).doesNotContain(KEY).doesNotContain("session=abc");
  }

  @Test
  void failuresLogAndExceptionsNeverContainTheKey() {
    List<String> lines = new CopyOnWriteArrayList<>();
    enqueueJson(401, "{\"message\":\"Invalid key " + "sk-other" + "\"}");
    AgpClient client = track(builder().logLevel(LogLevel.HEADERS).logger(lines::add).maxRetries(0).build());

    UnauthorizedException error = org.junit.jupiter.api.Assertions.assertThrows(
        UnauthorizedException.class, () -> client.sessions().retrieve("abc"));

    assertThat(error.getMessage()).doesNotContain(KEY);
    assertThat(error.toString()).doesNotContain(KEY);
    assertThat(String.join("\n", lines)).doesNotContain(KEY);
  }

  @Test
  void aCallerSuppliedHttpClientIsSharedAndLeftOpen() throws Exception {
    OkHttpClient shared = new OkHttpClient.Builder().readTimeout(7, TimeUnit.SECONDS).build();
    try {
      enqueueJson(200, Json.page(1, 0));
      enqueue(200, "ok");
      AgpClient client = builder().httpClient(shared).build();
      client.sessions().list(ListSessionsParams.none());
      client.close();

      // The shared client still works after the SDK client is closed.
      try (okhttp3.Response response = shared.newCall(new Request.Builder().url(server.url("/ping")).build()).execute()) {
        assertThat(response.body().string()).isEqualTo("ok");
      }
      assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
      // The SDK's headers did not leak into the shared client.
      take();
      assertThat(take().getHeaders().get("Authorization")).isNull();
    } finally {
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
  }

  @Test
  void aClosedClientRefusesCalls() {
    AgpClient client = builder().build();
    client.close();
    client.close();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.none()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.sessions().statusAsync("x").join())
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(client.toString()).contains("closed");
  }

  @Test
  void aReadTimeoutIsANetworkErrorMarkedAsTimeout() {
    server.enqueue(new MockResponse.Builder().body(Json.page(1, 0)).headersDelay(2, TimeUnit.SECONDS).build());
    AgpClient client = track(builder().readTimeout(java.time.Duration.ofMillis(100)).maxRetries(0).build());

    AgpNetworkException error = org.junit.jupiter.api.Assertions.assertThrows(
        AgpNetworkException.class, () -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.isTimeout()).isTrue();
    assertThat(error.getMessage()).isEqualTo("timed out after 1 attempt (no data for 0.1 s): GET /api/v2/sessions");
    assertThat(error.getCause()).isInstanceOf(IOException.class);
  }
}
