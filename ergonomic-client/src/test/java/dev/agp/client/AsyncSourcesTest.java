package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.AgpException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link AsyncSources}: the blocking iterator, the stream and the asynchronous forEach over a source. */
class AsyncSourcesTest {

  /**
   * A source whose pulls the test controls: pull {@code i} answers {@code script.apply(i)}, by default a
   * future completed by hand later. Counts pulls and closes; a pull after close is a test failure.
   */
  private static final class FakeSource<T> implements AsyncSource<T> {
    final AtomicInteger nextCalls = new AtomicInteger();
    final AtomicInteger closeCalls = new AtomicInteger();
    final List<CompletableFuture<@Nullable T>> pulls = Collections.synchronizedList(new ArrayList<>());
    final BlockingQueue<CompletableFuture<@Nullable T>> handedOut = new LinkedBlockingQueue<>();
    private final IntFunction<CompletableFuture<@Nullable T>> script;

    FakeSource() {
      this(i -> new CompletableFuture<>());
    }

    FakeSource(IntFunction<CompletableFuture<@Nullable T>> script) {
      this.script = script;
    }

    /** Answers these elements at once, then the end at once. */
    @SafeVarargs
    static <T> FakeSource<T> of(T... elements) {
      return new FakeSource<>(i -> CompletableFuture.completedFuture(i < elements.length ? elements[i] : null));
    }

    /** Answers these elements at once, then pulls that the test completes. */
    @SafeVarargs
    static <T> FakeSource<T> thenByHand(T... elements) {
      return new FakeSource<>(i -> i < elements.length
          ? CompletableFuture.completedFuture(elements[i])
          : new CompletableFuture<>());
    }

    @Override
    public CompletableFuture<@Nullable T> next() {
      if (closed()) {
        // Nothing pulls a closed source; failing at once also keeps a wrong iterator from waiting forever.
        throw new AssertionError("pulled after close");
      }
      CompletableFuture<@Nullable T> pulled = script.apply(nextCalls.getAndIncrement());
      pulls.add(pulled);
      handedOut.add(pulled);
      return pulled;
    }

    @Override
    public void close() {
      closeCalls.incrementAndGet();
    }

    boolean closed() {
      return closeCalls.get() > 0;
    }

    CompletableFuture<@Nullable T> pull(int i) {
      return pulls.get(i);
    }
  }

  private static final Function<List<Integer>, Iterator<Integer>> UNPACK = List::iterator;

  private static Throwable failureOf(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    return future.handle((value, error) -> error).join();
  }

  private static <T> List<T> drain(Iterator<T> iterator) {
    List<T> all = new ArrayList<>();
    iterator.forEachRemaining(all::add);
    return all;
  }

  // ---- forEach ---------------------------------------------------------------------------------------------

  @Test
  void forEachHandsEveryItemInOrderAndClosesTheSourceAtTheEnd() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1, 2), List.of(), List.of(3));
    List<Integer> seen = new ArrayList<>();

    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, seen::add);

    assertThat(done).isCompletedWithValue(null);
    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(source.nextCalls).hasValue(4);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void forEachWaitsForEachPullWithoutBlocking() {
    FakeSource<List<Integer>> source = new FakeSource<>();
    List<Integer> seen = new ArrayList<>();

    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, seen::add);

    assertThat(done).isNotDone();
    assertThat(source.nextCalls).hasValue(1);
    assertThat(seen).isEmpty();

    source.pull(0).complete(List.of(1));
    assertThat(seen).containsExactly(1);
    assertThat(source.nextCalls).hasValue(2);
    assertThat(done).isNotDone();

    source.pull(1).complete(List.of(2, 3));
    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(source.nextCalls).hasValue(3);
    assertThat(source.closed()).isFalse();

    source.pull(2).complete(null);
    assertThat(done).isCompletedWithValue(null);
    assertThat(source.nextCalls).hasValue(3);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void forEachPullsOneElementAtATime() {
    FakeSource<List<Integer>> source = FakeSource.thenByHand(List.of(1), List.of(2));
    List<Integer> seen = new ArrayList<>();

    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, seen::add);

    // Two answered at once, the third in flight: no fourth pull while it is.
    assertThat(seen).containsExactly(1, 2);
    assertThat(source.nextCalls).hasValue(3);
    assertThat(done).isNotDone();

    source.pull(2).complete(List.of(3));
    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(source.nextCalls).hasValue(4);
    source.pull(3).complete(null);
    assertThat(done).isCompletedWithValue(null);
  }

  @Test
  void forEachOverTwoHundredThousandElementsAlreadyThereDoesNotDeepenTheStack() {
    int count = 200_000;
    FakeSource<List<Integer>> source = new FakeSource<>(
        i -> CompletableFuture.completedFuture(i < count ? List.of(i) : null));
    AtomicInteger seen = new AtomicInteger();
    AtomicInteger last = new AtomicInteger(-1);

    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, item -> {
      seen.incrementAndGet();
      last.set(item);
    });

    assertThat(done).isCompletedWithValue(null);
    assertThat(seen).hasValue(count);
    assertThat(last).hasValue(count - 1);
    assertThat(source.nextCalls).hasValue(count + 1);
  }

  @Test
  void forEachOverPullsCompletedOneByOneFromOutside() {
    FakeSource<List<Integer>> source = new FakeSource<>();
    AtomicInteger seen = new AtomicInteger();
    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, item -> seen.incrementAndGet());

    for (int i = 0; i < 10_000; i++) {
      source.pull(i).complete(List.of(i));
    }
    source.pull(10_000).complete(null);

    assertThat(done).isCompletedWithValue(null);
    assertThat(seen).hasValue(10_000);
  }

  @Test
  void anActionThatThrowsFailsTheResultAndClosesTheSource() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1, 2, 3), List.of(4));
    IllegalStateException thrown = new IllegalStateException("action failed");
    List<Integer> seen = new ArrayList<>();

    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, item -> {
      seen.add(item);
      if (item == 2) {
        throw thrown;
      }
    });

    assertThat(failureOf(done)).isSameAs(thrown);
    assertThat(seen).containsExactly(1, 2);
    assertThat(source.nextCalls).hasValue(1);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void anActionThatThrowsAnErrorFailsTheResultAndClosesTheSource() {
    FakeSource<List<Integer>> source = new FakeSource<>();
    StackOverflowError thrown = new StackOverflowError("from the action");

    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, item -> {
      throw thrown;
    });
    assertThat(done).isNotDone();
    source.pull(0).complete(List.of(1));

    assertThat(failureOf(done)).isSameAs(thrown);
    assertThat(source.nextCalls).hasValue(1);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void anUnpackThatThrowsFailsTheResultAndClosesTheSource() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1));
    IllegalArgumentException thrown = new IllegalArgumentException("unpack failed");

    CompletableFuture<Void> done = AsyncSources.forEach(source, element -> {
      throw thrown;
    }, item -> {});

    assertThat(failureOf(done)).isSameAs(thrown);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void aSourceWhoseNextThrowsFailsTheResultAndIsClosed() {
    IllegalStateException thrown = new IllegalStateException("one pull at a time");
    FakeSource<List<Integer>> source = new FakeSource<>(i -> {
      throw thrown;
    });

    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, item -> {});

    assertThat(failureOf(done)).isSameAs(thrown);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void aSourceFailureFailsTheResultWithTheSameError() {
    FakeSource<List<Integer>> source = FakeSource.thenByHand(List.of(1));
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, seen::add);
    IOException failure = new IOException("network");

    source.pull(1).completeExceptionally(failure);

    assertThat(failureOf(done)).isSameAs(failure);
    assertThat(seen).containsExactly(1);
    assertThat(source.nextCalls).hasValue(2);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void aSourceFailureWrappedInCompletionExceptionsIsUnwrapped() {
    FakeSource<List<Integer>> source = new FakeSource<>();
    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, item -> {});
    IOException failure = new IOException("network");

    source.pull(0).completeExceptionally(
        new CompletionException(new ExecutionException(new CompletionException(failure))));

    assertThat(failureOf(done)).isSameAs(failure);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void aCancelledPullFailsTheResultWithTheCancellation() {
    FakeSource<List<Integer>> source = new FakeSource<>();
    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, item -> {});

    source.pull(0).cancel(true);

    assertThat(failureOf(done)).isInstanceOf(CancellationException.class);
    assertThat(source.nextCalls).hasValue(1);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void cancellingTheResultClosesTheSourceAndStopsTheActions() {
    FakeSource<List<Integer>> source = FakeSource.thenByHand(List.of(1));
    List<Integer> seen = new ArrayList<>();
    CompletableFuture<Void> done = AsyncSources.forEach(source, UNPACK, seen::add);
    assertThat(source.closed()).isFalse();

    assertThat(done.cancel(true)).isTrue();

    assertThat(source.closeCalls).hasValue(1);
    // The pull in flight answers anyway: nothing more is handed on, and nothing more is pulled.
    source.pull(1).complete(List.of(2));
    assertThat(seen).containsExactly(1);
    assertThat(source.nextCalls).hasValue(2);
    assertThat(done).isCancelled();
  }

  // ---- iterator --------------------------------------------------------------------------------------------

  @Test
  void theIteratorYieldsEveryItemInOrderAndPullsNothingAfterTheEnd() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1, 2), List.of(), List.of(3));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);
    assertThat(source.nextCalls).hasValue(0);

    assertThat(iterator.hasNext()).isTrue();
    assertThat(iterator.hasNext()).isTrue();
    assertThat(source.nextCalls).hasValue(1);
    assertThat(iterator.next()).isEqualTo(1);
    assertThat(iterator.next()).isEqualTo(2);
    assertThat(source.nextCalls).hasValue(1);
    assertThat(iterator.next()).isEqualTo(3);
    assertThat(source.nextCalls).hasValue(3);

    assertThat(iterator.hasNext()).isFalse();
    assertThat(source.nextCalls).hasValue(4);
    assertThat(iterator.hasNext()).isFalse();
    assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class).hasMessage("the walk has ended");
    assertThat(source.nextCalls).hasValue(4);
  }

  @Test
  void nextWithoutHasNextPullsAsNeeded() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(), List.of(7));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);

    assertThat(iterator.next()).isEqualTo(7);
    assertThat(source.nextCalls).hasValue(2);
    assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void theIteratorBlocksTheConsumerUntilEachPullIsAnswered() throws Exception {
    FakeSource<List<Integer>> source = new FakeSource<>();
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);
    AtomicReference<List<Integer>> consumed = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread consumer = new Thread(() -> {
      try {
        consumed.set(drain(iterator));
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "consumer");
    consumer.start();

    CompletableFuture<@Nullable List<Integer>> first = source.handedOut.poll(10, TimeUnit.SECONDS);
    assertThat(first).isNotNull();
    assertThat(consumer.isAlive()).isTrue();
    first.complete(List.of(1, 2));
    CompletableFuture<@Nullable List<Integer>> second = source.handedOut.poll(10, TimeUnit.SECONDS);
    assertThat(second).isNotNull();
    assertThat(consumer.isAlive()).isTrue();
    second.complete(null);
    consumer.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(consumer.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    assertThat(consumed.get()).containsExactly(1, 2);
    assertThat(source.nextCalls).hasValue(2);
  }

  @Test
  void closingTheIteratorClosesTheSourceAndDropsWhatIsInHand() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1, 2, 3), List.of(4));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);
    assertThat(iterator.next()).isEqualTo(1);

    iterator.close();

    assertThat(source.closeCalls).hasValue(1);
    assertThat(iterator.hasNext()).isFalse();
    assertThatThrownBy(iterator::next).isInstanceOf(NoSuchElementException.class);
    assertThat(source.nextCalls).hasValue(1);
  }

  @Test
  void closingBeforeAnyPullPullsNothing() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);

    iterator.close();

    assertThat(source.closeCalls).hasValue(1);
    assertThat(iterator.hasNext()).isFalse();
    assertThat(source.nextCalls).hasValue(0);
  }

  @Test
  void aRuntimeFailureIsRethrownAsItselfAndClosesTheSource() {
    IllegalStateException failure = new IllegalStateException("walk failed");
    FakeSource<List<Integer>> source = new FakeSource<>(i -> i == 0
        ? CompletableFuture.completedFuture(List.of(1))
        : CompletableFuture.failedFuture(failure));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);
    assertThat(iterator.next()).isEqualTo(1);
    assertThat(source.closed()).isFalse();

    assertThatThrownBy(iterator::hasNext).isSameAs(failure);
    assertThat(source.closeCalls).hasValue(1);
    assertThat(iterator.hasNext()).isFalse();
    assertThat(source.nextCalls).hasValue(2);
  }

  @Test
  void aFailureWrappedInCompletionExceptionIsRethrownUnwrapped() {
    IllegalStateException failure = new IllegalStateException("walk failed");
    FakeSource<List<Integer>> source = new FakeSource<>(
        i -> CompletableFuture.failedFuture(new CompletionException(new CompletionException(failure))));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);

    assertThatThrownBy(iterator::hasNext).isSameAs(failure);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void anErrorIsRethrownAsItself() {
    StackOverflowError failure = new StackOverflowError("deep");
    FakeSource<List<Integer>> source = new FakeSource<>(i -> CompletableFuture.failedFuture(failure));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);

    assertThatThrownBy(iterator::next).isSameAs(failure);
    assertThat(source.closeCalls).hasValue(1);
  }

  @Test
  void aCheckedFailureIsWrappedInAnAgpException() {
    IOException failure = new IOException("io");
    FakeSource<List<Integer>> source = new FakeSource<>(i -> CompletableFuture.failedFuture(failure));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);

    assertThatThrownBy(iterator::hasNext)
        .isExactlyInstanceOf(AgpException.class)
        .hasMessage("The walk failed: java.io.IOException: io")
        .cause().isSameAs(failure);
    assertThat(source.closeCalls).hasValue(1);
    assertThat(iterator.hasNext()).isFalse();
  }

  @Test
  void aCancelledPullIsRethrownAsTheCancellation() {
    FakeSource<List<Integer>> source = new FakeSource<>(i -> {
      CompletableFuture<@Nullable List<Integer>> cancelled = new CompletableFuture<>();
      cancelled.cancel(true);
      return cancelled;
    });
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);

    assertThatThrownBy(iterator::hasNext).isInstanceOf(CancellationException.class);
    assertThat(source.closeCalls).hasValue(1);
    assertThat(iterator.hasNext()).isFalse();
  }

  @Test
  void anInterruptWhileWaitingStopsTheWalkAndKeepsTheInterruptFlag() {
    FakeSource<List<Integer>> source = new FakeSource<>();
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(iterator::hasNext)
          .isExactlyInstanceOf(AgpException.class)
          .hasMessage("Interrupted while waiting for the next result of a walk")
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(source.closeCalls).hasValue(1);
    assertThat(iterator.hasNext()).isFalse();
    assertThat(source.nextCalls).hasValue(1);
  }

  // ---- stream ----------------------------------------------------------------------------------------------

  @Test
  void theStreamYieldsTheItemsInOrder() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1, 2), List.of(3));

    try (Stream<Integer> stream = AsyncSources.stream(AsyncSources.iterator(source, UNPACK))) {
      assertThat(stream.collect(Collectors.toList())).containsExactly(1, 2, 3);
    }
  }

  @Test
  void theStreamIsSequentialOrderedAndNonNull() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1));
    Stream<Integer> stream = AsyncSources.stream(AsyncSources.iterator(source, UNPACK));

    assertThat(stream.isParallel()).isFalse();
    Spliterator<Integer> spliterator = stream.spliterator();
    assertThat(spliterator.hasCharacteristics(Spliterator.ORDERED)).isTrue();
    assertThat(spliterator.hasCharacteristics(Spliterator.NONNULL)).isTrue();
    assertThat(spliterator.hasCharacteristics(Spliterator.SIZED)).isFalse();
  }

  @Test
  void closingTheStreamClosesTheIterator() {
    FakeSource<List<Integer>> source = FakeSource.of(List.of(1, 2, 3));
    CloseableIterator<Integer> iterator = AsyncSources.iterator(source, UNPACK);
    Stream<Integer> stream = AsyncSources.stream(iterator);

    assertThat(stream.limit(1).findFirst()).contains(1);
    assertThat(source.closed()).isFalse();
    stream.close();

    assertThat(source.closeCalls).hasValue(1);
    assertThat(iterator.hasNext()).isFalse();
  }

  // ---- unwrap ----------------------------------------------------------------------------------------------

  @Test
  void unwrapRemovesNestedCompletionAndExecutionExceptions() {
    IOException root = new IOException("root");

    assertThat(AsyncSources.unwrap(root)).isSameAs(root);
    assertThat(AsyncSources.unwrap(new CompletionException(root))).isSameAs(root);
    assertThat(AsyncSources.unwrap(new ExecutionException(root))).isSameAs(root);
    assertThat(AsyncSources.unwrap(
        new CompletionException(new ExecutionException(new CompletionException(new ExecutionException(root))))))
        .isSameAs(root);
  }

  @Test
  void unwrapKeepsOtherWrappersAndWrappersWithoutACause() {
    IOException root = new IOException("root");
    RuntimeException other = new RuntimeException(root);
    CompletionException empty = new CompletionException("no cause", null);
    ExecutionException emptyExecution = new ExecutionException("no cause", null);

    assertThat(AsyncSources.unwrap(other)).isSameAs(other);
    assertThat(AsyncSources.unwrap(new CompletionException(other))).isSameAs(other);
    assertThat(AsyncSources.unwrap(empty)).isSameAs(empty);
    assertThat(AsyncSources.unwrap(emptyExecution)).isSameAs(emptyExecution);
    assertThat(AsyncSources.unwrap(new ExecutionException(empty))).isSameAs(empty);
    CancellationException cancellation = new CancellationException();
    assertThat(AsyncSources.unwrap(cancellation)).isSameAs(cancellation);
  }
}
