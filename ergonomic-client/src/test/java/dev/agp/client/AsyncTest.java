package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.NotFoundException;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

class AsyncTest extends MockServerTestBase {

  @Test
  void listAsyncDecodesThePage() throws Exception {
    enqueueJson(200, Json.fixture("doc-page-example.json"));
    AgpClient client = track(builder().build());

    SessionPage page = client.sessions().listAsync(ListSessionsParams.builder().size(5).build()).get(5, TimeUnit.SECONDS);

    assertThat(page.items()).hasSize(2);
    assertThat(page.total()).isEqualTo(47);
    assertThat(page.pageSize()).isEqualTo(5);
    assertThat(page.hasMore()).isTrue();
    assertThat(take().getTarget()).isEqualTo("/api/v2/sessions?size=5");
  }

  @Test
  void retrieveAndStatusAsync() throws Exception {
    enqueueJson(200, Json.fixture("session.json"));
    enqueueJson(200, "{\"status\":\"escalated\",\"steps\":3}");
    AgpClient client = track(builder().build());

    Session session = client.sessions().retrieveAsync("a1").get(5, TimeUnit.SECONDS);
    SessionStatus status = client.sessions().statusAsync("a1").get(5, TimeUnit.SECONDS);

    assertThat(session.getStatus().getStatus()).isEqualTo(LifecycleStatus.COMPLETED);
    assertThat(status.getStatus().isKnown()).isFalse();
    assertThat(status.getStatusRaw()).isEqualTo("escalated");
  }

  @Test
  void asyncCallsRetryThroughTheSleeperWithoutBlocking() throws Exception {
    // The dropped connection comes first: MockWebServer applies request-start effects to fresh connections.
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    enqueueJson(503, "{}", "Retry-After", "2");
    enqueueJson(200, "{\"status\":\"running\"}");
    AgpClient client = track(builder().build());

    ApiResponse<SessionStatus> response = client.sessions().withRawResponse().statusAsync("s").get(5, TimeUnit.SECONDS);

    assertThat(response.attempts()).isEqualTo(3);
    assertThat(sleeper.waits).hasSize(2);
    assertThat(sleeper.waits.get(1)).isEqualTo(java.time.Duration.ofSeconds(2));
  }

  @Test
  void asyncErrorsAreTyped() {
    enqueueJson(404, "{\"detail\":\"Session not found.\"}");
    AgpClient client = track(builder().build());

    CompletableFuture<Session> future = client.sessions().retrieveAsync("missing");

    assertThatThrownBy(future::join)
        .isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(NotFoundException.class).hasMessageContaining("Session not found.");
  }

  @Test
  void cancellingTheFutureCancelsTheRequestInFlight() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"running\"}").headersDelay(10, TimeUnit.SECONDS).build());
    java.util.concurrent.atomic.AtomicInteger canceled = new java.util.concurrent.atomic.AtomicInteger();
    okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder().eventListener(new okhttp3.EventListener() {
      @Override
      public void canceled(okhttp3.Call call) {
        canceled.incrementAndGet();
      }
    }).build();
    AgpClient client = track(builder().httpClient(http).build());

    CompletableFuture<SessionStatus> future = client.sessions().statusAsync("slow");
    take(); // the request reached the server
    future.cancel(true);

    assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
    assertThat(canceled.get()).isEqualTo(1);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    // Nothing is retried after a cancel.
    assertThat(sleeper.waits).isEmpty();
  }
}
