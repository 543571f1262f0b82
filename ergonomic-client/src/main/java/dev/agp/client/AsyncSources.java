package dev.agp.client;

import dev.agp.client.errors.AgpException;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/** Consumes an {@link AsyncSource}: as a blocking iterator, or asynchronously element by element. */
final class AsyncSources {
  private AsyncSources() {}

  /** A blocking iterator that unpacks each pulled element into zero or more items. */
  static <S, T> CloseableIterator<T> iterator(AsyncSource<S> source, Function<S, Iterator<T>> unpack) {
    return new BlockingIterator<>(source, unpack);
  }

  /** A sequential stream over a walk's iterator; closing the stream closes the walk. */
  static <T> Stream<T> stream(CloseableIterator<T> iterator) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(iterator::close);
  }

  /**
   * Pulls every element and hands its items to {@code action}, without blocking a thread. Cancelling the
   * returned future closes the source.
   */
  static <S, T> CompletableFuture<Void> forEach(
      AsyncSource<S> source, Function<S, Iterator<T>> unpack, Consumer<? super T> action) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    result.whenComplete((ignored, error) -> source.close());
    pump(source, unpack, action, result);
    return result;
  }

  private static <S, T> void pump(
      AsyncSource<S> source, Function<S, Iterator<T>> unpack, Consumer<? super T> action, CompletableFuture<Void> result) {
    source.next().whenComplete((element, error) -> {
      if (result.isDone()) {
        return;
      }
      if (error != null) {
        result.completeExceptionally(unwrap(error));
        return;
      }
      if (element == null) {
        result.complete(null);
        return;
      }
      try {
        unpack.apply(element).forEachRemaining(action);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      pump(source, unpack, action, result);
    });
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Waits for a pulled element on the consumer's thread; failures surface as the SDK's own exceptions. */
  private static final class BlockingIterator<S, T> implements CloseableIterator<T> {
    private final AsyncSource<S> source;
    private final Function<S, Iterator<T>> unpack;
    private Iterator<T> current = Collections.emptyIterator();
    private boolean ended;

    BlockingIterator(AsyncSource<S> source, Function<S, Iterator<T>> unpack) {
      this.source = source;
      this.unpack = unpack;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (ended) {
          return false;
        }
        S element = await(source.next());
        if (element == null) {
          ended = true;
          return false;
        }
        current = unpack.apply(element);
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the walk has ended");
      }
      return current.next();
    }

    @Override
    public void close() {
      ended = true;
      current = Collections.emptyIterator();
      source.close();
    }

    private @Nullable S await(CompletableFuture<@Nullable S> future) {
      try {
        return future.get();
      } catch (InterruptedException e) {
        close();
        Thread.currentThread().interrupt();
        throw new AgpException("Interrupted while waiting for the next result of a walk", e);
      } catch (ExecutionException | CancellationException e) {
        close();
        Throwable cause = unwrap(e);
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw new AgpException("The walk failed: " + cause, cause);
      }
    }
  }
}
