package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.ErrorResponse;
import dev.agp.client.errors.NotFoundException;
import dev.agp.client.errors.RateLimitException;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.runtime.AgpMoshi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The waiter's promises, each with futures completed by hand (and one wait over HTTP). */
class SessionWaiterTest extends MockServerTestBase {

  private static final String ROOT = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
  private static final String CHILD_A = "aaaaaaaa-0000-4000-8000-000000000001";
  private static final String CHILD_B = "bbbbbbbb-0000-4000-8000-000000000002";
  private static final WaitOptions NO_JITTER = WaitOptions.builder().jitter(0).build();

  /** Status requests, answered by the test. */
  final Map<String, List<CompletableFuture<SessionStatus>>> asked = new ConcurrentHashMap<>();
  /** Timers, fired by the test. */
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<CompletableFuture<Void>> timers = new CopyOnWriteArrayList<>();

  private CompletableFuture<SessionStatus> ask(String id) {
    CompletableFuture<SessionStatus> answer = new CompletableFuture<>();
    asked.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(answer);
    return answer;
  }

  private final Sleeper handSleeper = new Sleeper() {
    @Override
    public void sleep(Duration duration) {
      throw new AssertionError("never blocks");
    }

    @Override
    public CompletableFuture<Void> sleepAsync(Duration duration) {
      CompletableFuture<Void> timer = new CompletableFuture<>();
      sleeps.add(duration);
      timers.add(timer);
      return timer;
    }
  };

  private final Clock fixed = Clock.fixed(Instant.parse("2026-05-07T14:00:00Z"), ZoneOffset.UTC);

  private SessionWaiter waiter(WaitOptions options) {
    return new SessionWaiter((id, requestOptions) -> ask(id), handSleeper, fixed, options);
  }

  private static SessionStatus status(String status, String... children) {
    return AgpMoshi.get().adapter(SessionStatus.class)
        .fromJsonValue(Map.of("status", status, "subagent_session_ids", List.of(children)));
  }

  private CompletableFuture<SessionStatus> last(String id) {
    List<CompletableFuture<SessionStatus>> answers = asked.get(id);
    return answers.get(answers.size() - 1);
  }

  private void fireLastTimer() {
    timers.get(timers.size() - 1).complete(null);
  }

  @Test
  void theIntervalGrowsWhileNothingChangesAndStartsAgainOnAChange() {
    CompletableFuture<WaitResult> wait = waiter(NO_JITTER).awaitTerminalAsync(ROOT);
    List<String> answers = List.of("running", "running", "running", "running", "running", "running", "running",
        "running", "running", "paused", "paused");
    for (String answer : answers) {
      last(ROOT).complete(status(answer));
      fireLastTimer();
    }
    // 1 s after the first answer (a change from nothing), x1.5 while nothing changes, capped at 15 s; back to 1 s.
    assertThat(sleeps.get(0)).as("the deadline's alarm").isEqualTo(WaitOptions.DEFAULT_DEADLINE);
    assertThat(sleeps.subList(1, sleeps.size())).extracting(Duration::toMillis)
        .containsExactly(1000L, 1500L, 2250L, 3375L, 5063L, 7594L, 11391L, 15000L, 15000L, 1000L, 1500L);
    last(ROOT).complete(status("completed"));
    assertThat(wait).isCompleted();
    assertThat(wait.join().statuses().get(ROOT).getStatusRaw()).isEqualTo("completed");
    assertThat(wait.join().requests()).isEqualTo(answers.size() + 1);
  }

  @Test
  void aTreeEndsWhenTheLastSessionIsTerminalAndNoTerminalSessionIsAskedAgain() {
    List<WaitEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<WaitResult> wait = waiter(NO_JITTER.toBuilder().onChange(events::add).build()).awaitTreeAsync(ROOT);
    last(ROOT).complete(status("running", CHILD_A, CHILD_B));
    assertThat(asked).containsKeys(CHILD_A, CHILD_B); // discovered children are asked at once
    last(CHILD_A).complete(status("failed"));
    last(CHILD_B).complete(status("running"));
    fireLastTimer();
    last(ROOT).complete(status("completed", CHILD_A, CHILD_B));
    assertThat(wait).isNotDone();
    fireLastTimer();
    last(CHILD_B).complete(status("completed"));

    WaitResult result = wait.join();
    assertThat(asked.get(CHILD_A)).hasSize(1);
    assertThat(asked.get(ROOT)).hasSize(2);
    assertThat(result.failed()).containsExactly(CHILD_A);
    assertThat(result.parents()).containsEntry(CHILD_A, ROOT).containsEntry(CHILD_B, ROOT);
    assertThat(result.allCompleted()).isFalse();
    assertThat(events.get(events.size() - 1)).isEqualTo(new WaitEvent.Finished(result));
    assertThat(events).filteredOn(e -> e instanceof WaitEvent.StatusChanged).extracting(e -> ((WaitEvent.StatusChanged) e).to())
        .containsExactly("running", "failed", "running", "completed", "completed");
  }

  @Test
  void cancellingTheWaitCancelsEveryRequestInFlightAndTheTimer() {
    CompletableFuture<WaitResult> wait = waiter(NO_JITTER).awaitTreeAsync(ROOT);
    last(ROOT).complete(status("running", CHILD_A, CHILD_B));
    wait.cancel(true);
    assertThat(last(CHILD_A)).isCancelled();
    assertThat(last(CHILD_B)).isCancelled();
    assertThat(timers).as("the deadline's alarm, and the root's next poll").hasSize(2)
        .allSatisfy(t -> assertThat(t).isCancelled());

    asked.clear();
    timers.clear();
    CompletableFuture<WaitResult> waitingForATimer = waiter(NO_JITTER).awaitTreeAsync(ROOT);
    last(ROOT).complete(status("running"));
    assertThat(timers).hasSize(2);
    waitingForATimer.cancel(true);
    assertThat(timers).allSatisfy(t -> assertThat(t).isCancelled());
  }

  @Test
  void anInterruptStopsABlockingWaitAndItsRequest() throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiting = new Thread(() -> {
      try {
        waiter(NO_JITTER).awaitTerminal(ROOT);
      } catch (Throwable t) {
        thrown.set(t);
        if (Thread.currentThread().isInterrupted()) {
          interruptKept.countDown();
        }
      }
    });
    waiting.start();
    while (!asked.containsKey(ROOT)) {
      Thread.onSpinWait();
    }
    waiting.interrupt();
    waiting.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(waiting.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
    assertThat(interruptKept.getCount()).as("the interrupt flag is set again").isZero();
    assertThat(last(ROOT)).isCancelled();
  }

  private RecordedRequest takeRequest() {
    try {
      return server.takeRequest();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private final CountDownLatch interruptKept = new CountDownLatch(1);

  @Test
  void theListenerIsNeverToldWhileTheWaitHoldsItsLock() throws InterruptedException {
    CountDownLatch otherAnswerProcessed = new CountDownLatch(1);
    AtomicReference<Thread> answering = new AtomicReference<>();
    WaitOptions options = NO_JITTER.toBuilder().onChange(event -> {
      if (event instanceof WaitEvent.StatusChanged && ((WaitEvent.StatusChanged) event).id().equals(CHILD_A)) {
        // Another thread delivers an answer while this listener runs: it would block were the lock held.
        Thread other = new Thread(() -> {
          last(CHILD_B).complete(status("running"));
          otherAnswerProcessed.countDown();
        });
        answering.set(other);
        other.start();
        try {
          other.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }).build();
    waiter(options).awaitTreeAsync(ROOT);
    last(ROOT).complete(status("running", CHILD_A, CHILD_B));
    last(CHILD_A).complete(status("running"));
    assertThat(otherAnswerProcessed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(answering.get().isAlive()).isFalse();
  }

  @Test
  void aMissingRootEndsTheWaitAndAMissingChildIsReported() {
    CompletableFuture<WaitResult> gone = waiter(NO_JITTER).awaitTerminalAsync(ROOT);
    NotFoundException notFound = new NotFoundException(new ErrorResponse(404, "GET", "/x", "gone", List.of(), Map.of()));
    last(ROOT).completeExceptionally(notFound);
    assertThatThrownBy(gone::get).isInstanceOf(ExecutionException.class).hasCause(notFound);

    asked.clear();
    CompletableFuture<WaitResult> tree = waiter(NO_JITTER).awaitTreeAsync(ROOT);
    last(ROOT).complete(status("completed", CHILD_A));
    last(CHILD_A).completeExceptionally(notFound);
    assertThat(tree.join().gone()).containsExactly(CHILD_A);
  }

  @Test
  void aRateLimitedSessionIsAskedAgainNoSoonerThanRetryAfter() {
    waiter(NO_JITTER).awaitTerminalAsync(ROOT);
    last(ROOT).completeExceptionally(new RateLimitException(
        new ErrorResponse(429, "GET", "/x", "slow down", List.of(), Map.of()), Duration.ofSeconds(20)));
    assertThat(sleeps).containsExactly(WaitOptions.DEFAULT_DEADLINE, Duration.ofSeconds(20));
  }

  @Test
  void aListenerThatThrowsAnErrorEndsTheWaitInsteadOfFreezingIt() {
    AssertionError bug = new AssertionError("listener bug");
    CompletableFuture<WaitResult> wait = waiter(NO_JITTER.toBuilder().onChange(event -> {
      if (event instanceof WaitEvent.Answered) {
        throw bug;
      }
    }).build()).awaitTreeAsync(ROOT);
    last(ROOT).complete(status("running", CHILD_A));
    assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCause(bug);
    assertThat(timers).allSatisfy(timer -> assertThat(timer).isCancelled());
    assertThat(asked.getOrDefault(CHILD_A, List.of())).allSatisfy(request -> assertThat(request).isCancelled());
  }

  @Test
  void theDeadlineAlarmEndsTheWaitWhateverTheClockSays() {
    // The clock stands still (or was set back) and the only request never answers: the alarm still ends it.
    CompletableFuture<WaitResult> wait = waiter(NO_JITTER).awaitTreeAsync(ROOT);
    timers.get(0).complete(null);
    assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(AgpWaitTimeoutException.class);
    assertThat(last(ROOT)).isCancelled();
  }

  @Test
  void aSubagentIdThatIsNotAUuidIsADecodingError() {
    for (String bad : List.of(" ", "..", "not-a-uuid")) {
      asked.clear();
      CompletableFuture<WaitResult> wait = waiter(NO_JITTER).awaitTreeAsync(ROOT);
      last(ROOT).complete(status("running", bad));
      assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(dev.agp.client.errors.AgpDecodingException.class)
          .hasMessageContaining("\"" + bad + "\", which is not a session id");
    }
  }

  @Test
  void aSleeperThatReturnsAtOnceStillMovesTheWaitOnToItsDeadline() {
    // Tests often inject a sleeper that returns at once while the clock stands still.
    SessionWaiter waiter = new SessionWaiter((id, requestOptions) -> CompletableFuture.completedFuture(status("running")),
        new RecordingSleeper(), fixed, WaitOptions.builder().deadline(Duration.ofMinutes(2)).build());
    assertThatThrownBy(() -> waiter.awaitTerminal(ROOT)).isInstanceOf(AgpWaitTimeoutException.class)
        .hasMessageContaining("deadline")
        .satisfies(e -> assertThat(((AgpWaitTimeoutException) e).partialResult().pending()).containsExactly(ROOT));
  }

  @Test
  void waitsForATreeOverHttp() {
    Map<String, List<String>> script = new ConcurrentHashMap<>(Map.of(
        "/api/v2/sessions/" + ROOT + "/status", new ArrayList<>(List.of(
            "{\"status\":\"running\",\"subagent_session_ids\":[\"" + CHILD_A + "\"]}",
            "{\"status\":\"completed\",\"subagent_session_ids\":[\"" + CHILD_A + "\"]}")),
        "/api/v2/sessions/" + CHILD_A + "/status", new ArrayList<>(List.of(
            "{\"status\":\"running\"}", "{\"status\":\"interrupted\",\"error\":\"stopped\"}"))));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        List<String> bodies = script.get(request.getUrl().encodedPath());
        String body;
        synchronized (bodies) {
          body = bodies.size() > 1 ? bodies.remove(0) : bodies.get(0);
        }
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
      }
    });
    // Real time, in tens of milliseconds.
    AgpClient client = track(builder().sleeper(Sleeper.system()).build());
    WaitResult result = client.sessions().waiter(WaitOptions.builder().pollInterval(Duration.ofMillis(10))
        .maxPollInterval(Duration.ofMillis(20)).requestOptions(RequestOptions.builder().header("X-Trace", "t-1").build())
        .build()).awaitTree(ROOT);
    assertThat(result.failed()).containsExactly(CHILD_A);
    assertThat(result.statuses().get(CHILD_A).getError()).isEqualTo("stopped");
    assertThat(result.requests()).isEqualTo(server.getRequestCount());
    for (int i = 0; i < result.requests(); i++) {
      assertThat(takeRequest().getHeaders().get("X-Trace")).as("the wait's request options").isEqualTo("t-1");
    }
  }
}
