package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agp.client.errors.AgpNetworkException;
import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.UnauthorizedException;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

/** A call's options on the wire: headers on every attempt, a timeout per attempt, the number of retries. */
class RequestOptionsCallsTest extends MockServerTestBase {

  private static final String SECRET = "gw-secret-9f8e7d6c";
  /** Far below the client's call timeout (60 s), and below how long the stalling server waits. */
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static final RequestOptions SHORT = RequestOptions.builder().timeout(TIMEOUT).build();

  /** Answers its headers only after two seconds: long past {@link #TIMEOUT}, long before the client's own. */
  private void enqueueStalled() {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("{\"status\":\"running\"}").headersDelay(2, TimeUnit.SECONDS).build());
  }

  @Test
  void headersReachEveryAttemptOfEveryCallSyncAndAsync() throws Exception {
    RequestOptions options = RequestOptions.builder().header("X-Trace-Id", "t-1").build();
    enqueueJson(503, "{}");
    enqueueJson(503, "{}");
    enqueueJson(200, "{\"status\":\"running\"}");
    enqueueJson(200, Json.page(1, 0));
    enqueueJson(200, Json.fixture("session.json"));
    enqueueJson(200, Json.page(1, 0));
    enqueueJson(200, Json.fixture("session.json"));
    enqueueJson(200, "{\"status\":\"running\"}");
    AgpClient client = track(builder().build());

    assertThat(client.sessions().withRawResponse().status("s", options).attempts()).isEqualTo(3);
    client.sessions().list(ListSessionsParams.none(), options);
    client.sessions().retrieve("s", options);
    client.sessions().listAsync(ListSessionsParams.none(), options).get(5, TimeUnit.SECONDS);
    client.sessions().retrieveAsync("s", options).get(5, TimeUnit.SECONDS);
    client.sessions().statusAsync("s", options).get(5, TimeUnit.SECONDS);

    assertThat(server.getRequestCount()).isEqualTo(8);
    for (int i = 0; i < 8; i++) {
      assertThat(take().getHeaders().values("X-Trace-Id")).as("request %d", i + 1).containsExactly("t-1");
    }
  }

  @Test
  void aCallsHeaderReplacesTheClientsDefaultOfTheSameNameForThatCallOnly() throws Exception {
    enqueueJson(200, Json.page(1, 0));
    enqueueJson(200, Json.page(1, 0));
    AgpClient client = track(builder().header("X-Team", "growth").build());

    client.sessions().list(ListSessionsParams.none(), RequestOptions.builder().header("x-team", "ops").build());
    client.sessions().list(ListSessionsParams.none());

    assertThat(take().getHeaders().values("X-Team")).containsExactly("ops");
    assertThat(take().getHeaders().values("X-Team")).containsExactly("growth");
  }

  @Test
  void aSecretHeaderValueIsSentButNeverLoggedNorInErrors() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    enqueueJson(401, "{\"message\":\"Invalid key\"}");
    AgpClient client = track(builder().logLevel(LogLevel.HEADERS).logger(lines::add).header("X-Team", "growth").build());
    RequestOptions options = RequestOptions.builder().header("X-Gateway-Token", SECRET).build();

    UnauthorizedException error = assertThrows(UnauthorizedException.class, () -> client.sessions().retrieve("s", options));

    assertThat(take().getHeaders().get("X-Gateway-Token")).isEqualTo(SECRET);
    assertThat(lines).contains("    X-Gateway-Token: [redacted]", "    X-Team: [redacted]");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("    User-Agent: agp-java/"));
    assertThat(String.join("\n", lines)).doesNotContain(SECRET).doesNotContain(KEY);
    assertThat(error.getMessage()).doesNotContain(SECRET);
    assertThat(error.toString()).doesNotContain(SECRET);
    assertThat(options.toString()).doesNotContain(SECRET);
  }

  @Test
  void maxRetriesZeroMakesExactlyOneRequestAgainstA503() {
    enqueueJson(503, "{\"detail\":\"busy\"}");
    enqueueJson(200, "{\"status\":\"running\"}");
    AgpClient client = track(builder().maxRetries(2).build());

    assertThrows(InternalServerException.class,
        () -> client.sessions().status("s", RequestOptions.builder().maxRetries(0).build()));

    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void maxRetriesZeroMakesExactlyOneRequestAsyncToo() {
    enqueueJson(503, "{\"detail\":\"busy\"}");
    enqueueJson(200, "{\"status\":\"running\"}");
    AgpClient client = track(builder().maxRetries(2).build());

    CompletionException error = assertThrows(CompletionException.class,
        () -> client.sessions().statusAsync("s", RequestOptions.builder().maxRetries(0).build()).join());

    assertThat(error).hasCauseInstanceOf(InternalServerException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void maxRetriesCanAlsoRaiseTheClientsPolicy() {
    for (int i = 0; i < 3; i++) {
      enqueueJson(503, "{}");
    }
    enqueueJson(200, "{\"status\":\"running\"}");
    AgpClient client = track(builder().maxRetries(0).build());

    ApiResponse<?> response = client.sessions().withRawResponse().status("s", RequestOptions.builder().maxRetries(3).build());

    assertThat(response.attempts()).isEqualTo(4);
    assertThat(sleeper.waits).hasSize(3);
  }

  @Test
  void aStalledAttemptTimesOutAfterTheOptionsTimeoutNotTheClients() {
    enqueueStalled();
    AgpClient client = track(builder().maxRetries(0).build());

    long start = System.nanoTime();
    AgpNetworkException error = assertThrows(AgpNetworkException.class, () -> client.sessions().status("s", SHORT));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(error.isTimeout()).isTrue();
    assertThat(error.getMessage()).isEqualTo("timed out after 1 attempt (0.5 s each): GET /api/v2/sessions/s/status");
    assertThat(millis).isBetween(TIMEOUT.toMillis() - 50, 1900L);
  }

  @Test
  void aTimedOutAttemptIsRetriedWhenTheOptionsAllowAndTheRetryHasTheTimeoutToo() {
    enqueueStalled();
    enqueueJson(503, "{}");
    enqueueStalled();
    AgpClient client = track(builder().maxRetries(0).build());

    AgpNetworkException error = assertThrows(AgpNetworkException.class,
        () -> client.sessions().status("s", SHORT.toBuilder().maxRetries(2).build()));

    assertThat(error.getMessage()).isEqualTo("timed out after 3 attempts (0.5 s each): GET /api/v2/sessions/s/status");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void aTimedOutAttemptIsRetriedAndTheRetrySucceeds() throws Exception {
    enqueueStalled();
    enqueueJson(200, "{\"status\":\"running\"}");
    AgpClient client = track(builder().maxRetries(0).build());

    ApiResponse<?> response = client.sessions().withRawResponse().status("s", SHORT.toBuilder().maxRetries(1).build());

    assertThat(response.attempts()).isEqualTo(2);
  }

  @Test
  void anAsyncStalledAttemptTimesOutAfterTheOptionsTimeout() {
    enqueueJson(503, "{}");
    enqueueStalled();
    AgpClient client = track(builder().build());

    CompletionException error = assertThrows(CompletionException.class,
        () -> client.sessions().retrieveAsync("s", SHORT.toBuilder().maxRetries(1).build()).join());

    assertThat(error.getCause()).isInstanceOf(AgpNetworkException.class)
        .hasMessage("timed out after 2 attempts (0.5 s each): GET /api/v2/sessions/s");
    assertThat(((AgpNetworkException) error.getCause()).isTimeout()).isTrue();
  }
}
