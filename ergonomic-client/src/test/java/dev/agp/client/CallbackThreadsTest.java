package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where callers' callbacks run: on the client's threads or the given executor, never on OkHttp's. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallbackThreadsTest extends SandboxTestBase {

  @Test
  void callbacksRunOnTheClientsThreadsOrTheGivenExecutor() {
    sandboxWith(3);
    AgpClient own = client();
    assertThat(own.sessions().listAsync(ListSessionsParams.none()).thenApply(page -> Thread.currentThread().getName()).join())
        .startsWith("agp-callback-");

    List<Runnable> handedOver = new CopyOnWriteArrayList<>();
    Executor recording = task -> {
      handedOver.add(task);
      new Thread(task, "mine").start();
    };
    AgpClient given = track(builder().callbackExecutor(recording).build());
    CompletableFuture<String> thread = given.sessions().listAsync(ListSessionsParams.none())
        .thenApply(page -> Thread.currentThread().getName());
    assertThat(thread.join()).isEqualTo("mine");
    assertThat(handedOver).isNotEmpty();
  }

  @Test
  void aClosedClientStillCompletesWhatIsPending() {
    sandboxWith(3);
    AgpClient client = client();
    client.close();
    CompletableFuture<?> after = client.sessions().listAsync(ListSessionsParams.none());
    assertThat(after).failsWithin(java.time.Duration.ofSeconds(5));
  }
}
