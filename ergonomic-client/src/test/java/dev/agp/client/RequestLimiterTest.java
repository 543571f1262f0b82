package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link RequestLimiter}: an asynchronous semaphore, driven here by futures completed by hand. */
class RequestLimiterTest {

  /** Hands out calls that the test completes, and records which ones were started, in order. */
  private static final class Calls {
    final List<String> started = new ArrayList<>();
    final List<CompletableFuture<String>> calls = new ArrayList<>();

    Supplier<CompletableFuture<String>> request(String name) {
      return () -> {
        started.add(name);
        CompletableFuture<String> call = new CompletableFuture<>();
        calls.add(call);
        return call;
      };
    }

    CompletableFuture<String> call(int i) {
      return calls.get(i);
    }
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    return future.handle((value, error) -> error).join();
  }

  @Test
  void atMostPermitsRunAndTheRestWaitInArrivalOrder() {
    RequestLimiter limiter = new RequestLimiter(2);
    Calls calls = new Calls();
    assertThat(limiter.running()).isZero();

    List<CompletableFuture<String>> results = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d", "e")) {
      results.add(limiter.submit(calls.request(name)));
    }

    assertThat(calls.started).containsExactly("a", "b");
    assertThat(limiter.running()).isEqualTo(2);
    assertThat(results).allSatisfy(r -> assertThat(r).isNotDone());

    calls.call(1).complete("B");
    assertThat(results.get(1)).isCompletedWithValue("B");
    assertThat(calls.started).containsExactly("a", "b", "c");
    assertThat(limiter.running()).isEqualTo(2);

    calls.call(0).complete("A");
    assertThat(results.get(0)).isCompletedWithValue("A");
    assertThat(calls.started).containsExactly("a", "b", "c", "d");
    assertThat(limiter.running()).isEqualTo(2);

    calls.call(3).complete("D");
    assertThat(calls.started).containsExactly("a", "b", "c", "d", "e");
    assertThat(limiter.running()).isEqualTo(2);

    calls.call(2).complete("C");
    assertThat(limiter.running()).isEqualTo(1);
    calls.call(4).complete("E");
    assertThat(limiter.running()).isZero();
    assertThat(results).extracting(CompletableFuture::join).containsExactly("A", "B", "C", "D", "E");
  }

  @Test
  void oneTaskAtATimeWithASinglePermit() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();

    limiter.submit(calls.request("a"));
    limiter.submit(calls.request("b"));

    assertThat(calls.started).containsExactly("a");
    assertThat(limiter.running()).isEqualTo(1);
    calls.call(0).complete("A");
    assertThat(calls.started).containsExactly("a", "b");
    assertThat(limiter.running()).isEqualTo(1);
    calls.call(1).complete("B");
    assertThat(limiter.running()).isZero();

    // Free again: a new task starts at once.
    limiter.submit(calls.request("c"));
    assertThat(calls.started).containsExactly("a", "b", "c");
    assertThat(limiter.running()).isEqualTo(1);
  }

  @Test
  void aFailedCallFailsItsResultWithTheSameErrorAndReleasesThePermit() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    CompletableFuture<String> first = limiter.submit(calls.request("a"));
    CompletableFuture<String> second = limiter.submit(calls.request("b"));

    IOException boom = new IOException("boom");
    calls.call(0).completeExceptionally(boom);

    assertThat(failureOf(first)).isSameAs(boom);
    assertThat(calls.started).containsExactly("a", "b");
    assertThat(limiter.running()).isEqualTo(1);
    assertThat(second).isNotDone();
  }

  @Test
  void aWaitingTaskCancelledBeforeItsTurnNeverStarts() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    limiter.submit(calls.request("a"));
    CompletableFuture<String> cancelled = limiter.submit(calls.request("b"));
    CompletableFuture<String> third = limiter.submit(calls.request("c"));

    assertThat(cancelled.cancel(true)).isTrue();
    assertThat(calls.started).containsExactly("a");
    assertThat(limiter.running()).isEqualTo(1);

    calls.call(0).complete("A");

    // "b" is skipped without taking the permit; "c" has it.
    assertThat(calls.started).containsExactly("a", "c");
    assertThat(limiter.running()).isEqualTo(1);
    calls.call(1).complete("C");
    assertThat(third).isCompletedWithValue("C");
    assertThat(limiter.running()).isZero();
  }

  @Test
  void aWaitingTaskCompletedByItsCallerNeverStartsEither() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    limiter.submit(calls.request("a"));
    CompletableFuture<String> answered = limiter.submit(calls.request("b"));

    answered.complete("from elsewhere");
    calls.call(0).complete("A");

    assertThat(calls.started).containsExactly("a");
    assertThat(limiter.running()).isZero();
    assertThat(answered).isCompletedWithValue("from elsewhere");
  }

  @Test
  void cancellingARunningResultCancelsItsCallAndReleasesThePermit() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    CompletableFuture<String> running = limiter.submit(calls.request("a"));
    limiter.submit(calls.request("b"));

    running.cancel(true);

    assertThat(calls.call(0)).isCancelled();
    assertThat(running).isCancelled();
    assertThat(calls.started).containsExactly("a", "b");
    assertThat(limiter.running()).isEqualTo(1);
  }

  @Test
  void completingARunningResultOtherwiseLeavesItsCallAlone() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    CompletableFuture<String> running = limiter.submit(calls.request("a"));
    limiter.submit(calls.request("b"));

    running.complete("early");
    assertThat(calls.call(0)).isNotDone();
    // The call still holds its permit until it ends.
    assertThat(calls.started).containsExactly("a");
    assertThat(limiter.running()).isEqualTo(1);

    calls.call(0).complete("A");
    assertThat(calls.started).containsExactly("a", "b");
    assertThat(running).isCompletedWithValue("early");
  }

  @Test
  void aResultFailedByItsCallerDoesNotCancelTheCall() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    CompletableFuture<String> running = limiter.submit(calls.request("a"));

    running.completeExceptionally(new IllegalStateException("not a cancellation"));

    assertThat(calls.call(0)).isNotDone();
    assertThat(limiter.running()).isEqualTo(1);
  }

  @Test
  void aSupplierThatThrowsFailsItsResultAndReleasesThePermit() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    IllegalArgumentException thrown = new IllegalArgumentException("bad request");
    CompletableFuture<String> failed = limiter.submit(() -> {
      throw thrown;
    });

    assertThat(failureOf(failed)).isSameAs(thrown);
    assertThat(limiter.running()).isZero();

    CompletableFuture<String> next = limiter.submit(calls.request("b"));
    assertThat(calls.started).containsExactly("b");
    assertThat(limiter.running()).isEqualTo(1);
    calls.call(0).complete("B");
    assertThat(next).isCompletedWithValue("B");
  }

  @Test
  void aSupplierThatThrowsAnErrorWhileOthersWaitLetsTheNextStart() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    CompletableFuture<String> first = limiter.submit(calls.request("a"));
    StackOverflowError error = new StackOverflowError("deep");
    CompletableFuture<String> failing = limiter.submit(() -> {
      throw error;
    });
    CompletableFuture<String> third = limiter.submit(calls.request("c"));

    calls.call(0).complete("A");

    assertThat(first).isCompletedWithValue("A");
    assertThat(failureOf(failing)).isSameAs(error);
    assertThat(calls.started).containsExactly("a", "c");
    assertThat(limiter.running()).isEqualTo(1);
    assertThat(third).isNotDone();
  }

  @Test
  void callsAlreadyCompleteReleaseAtOnce() {
    RequestLimiter limiter = new RequestLimiter(1);

    CompletableFuture<String> done = limiter.submit(() -> CompletableFuture.completedFuture("x"));
    CompletableFuture<String> failed = limiter.submit(() -> CompletableFuture.failedFuture(new IOException("y")));

    assertThat(done).isCompletedWithValue("x");
    assertThat(failureOf(failed)).isInstanceOf(IOException.class).hasMessage("y");
    assertThat(limiter.running()).isZero();
  }

  @Test
  void aHundredThousandCallsAlreadyCompleteDoNotDeepenTheStack() {
    RequestLimiter limiter = new RequestLimiter(1);
    CompletableFuture<String> gate = new CompletableFuture<>();
    limiter.submit(() -> gate);
    AtomicInteger started = new AtomicInteger();
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    int count = 100_000;
    for (int i = 0; i < count; i++) {
      int value = i;
      results.add(limiter.submit(() -> {
        started.incrementAndGet();
        return CompletableFuture.completedFuture(value);
      }));
    }
    assertThat(started).hasValue(0);

    // Releasing the one permit starts every waiting task, each done at once, one after the other.
    gate.complete("open");

    assertThat(started).hasValue(count);
    assertThat(limiter.running()).isZero();
    assertThat(results.get(0)).isCompletedWithValue(0);
    assertThat(results.get(count - 1)).isCompletedWithValue(count - 1);
    assertThat(results).allMatch(r -> r.isDone() && !r.isCompletedExceptionally());
  }

  @Test
  void aHundredThousandSubmissionsOnAFreeLimiterDoNotDeepenTheStack() {
    RequestLimiter limiter = new RequestLimiter(3);
    int count = 100_000;
    CompletableFuture<Integer> last = null;
    for (int i = 0; i < count; i++) {
      int value = i;
      last = limiter.submit(() -> CompletableFuture.completedFuture(value));
    }
    assertThat(last).isCompletedWithValue(count - 1);
    assertThat(limiter.running()).isZero();
  }

  @Test
  void aRequestSubmittedFromAResultsCallbackWaitsItsTurn() {
    // The permit is released before the result completes: the waiting "b" has it by the time "c" arrives.
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    CompletableFuture<String> first = limiter.submit(calls.request("a"));
    List<String> order = new ArrayList<>();
    first.thenRun(() -> {
      order.add("callback of a");
      limiter.submit(calls.request("c"));
      order.add("submitted c");
    });
    limiter.submit(calls.request("b"));

    calls.call(0).complete("A");

    assertThat(order).containsExactly("callback of a", "submitted c");
    assertThat(calls.started).containsExactly("a", "b");
    assertThat(limiter.running()).isEqualTo(1);
    calls.call(1).complete("B");
    assertThat(calls.started).containsExactly("a", "b", "c");
  }

  @Test
  void aCancelledCallFailsTheResultWithACancellation() {
    RequestLimiter limiter = new RequestLimiter(1);
    Calls calls = new Calls();
    CompletableFuture<String> result = limiter.submit(calls.request("a"));

    calls.call(0).cancel(true);

    assertThat(failureOf(result)).isInstanceOf(CancellationException.class);
    assertThat(limiter.running()).isZero();
  }

  @Test
  void closeCancelsWhatWaitsAtOnceAndStartsNothingMore() {
    Calls calls = new Calls();
    RequestLimiter limiter = new RequestLimiter(1);
    CompletableFuture<String> running = limiter.submit(calls.request("a"));
    CompletableFuture<String> waiting = limiter.submit(calls.request("b"));

    limiter.close();

    assertThat(waiting).isCancelled();
    assertThat(running).isNotDone();
    calls.call(0).complete("done");
    assertThat(running).isCompletedWithValue("done");
    CompletableFuture<String> later = limiter.submit(calls.request("c"));
    assertThat(later).isCancelled();
    assertThat(calls.started).containsExactly("a");
  }
}
