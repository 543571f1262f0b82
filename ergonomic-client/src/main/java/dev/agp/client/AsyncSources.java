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
   * Pulls every element and hands its items to {@code action}, without blocking a thread and without
   * recursion, however many elements are already there. Cancelling the returned future closes the source;
   * any {@link Throwable} (from the source, {@code unpack} or {@code action}) fails it and closes the source.
   */
  static <S, T> CompletableFuture<Void> forEach(
      AsyncSource<S> source, Function<S, Iterator<T>> unpack, Consumer<? super T> action) {
    Pump<S, T> pump = new Pump<>(source, unpack, action);
    pump.result.whenComplete((ignored, error) -> source.close());
    pump.drain.run();
    return pump.result;
  }

  /** The asynchronous consumer: one pull at a time, each handled in a {@link Drain} pass. */
  private static final class Pump<S, T> {
    final CompletableFuture<Void> result = new CompletableFuture<>();
    final Drain drain = new Drain(this::pass);
    private final AsyncSource<S> source;
    private final Function<S, Iterator<T>> unpack;
    private final Consumer<? super T> action;
    private @Nullable CompletableFuture<@Nullable S> current;

    Pump(AsyncSource<S> source, Function<S, Iterator<T>> unpack, Consumer<? super T> action) {
      this.source = source;
      this.unpack = unpack;
      this.action = action;
    }

    private void pass() {
      try {
        while (!result.isDone()) {
          CompletableFuture<@Nullable S> pulled = current;
          if (pulled == null) {
            pulled = source.next();
            current = pulled;
            // Already done: the loop takes it; the callback's extra pass finds nothing to do.
            pulled.whenComplete((element, error) -> drain.run());
          }
          if (!pulled.isDone()) {
            return;
          }
          current = null;
          S element;
          try {
            element = pulled.join();
          } catch (CompletionException | CancellationException e) {
            result.completeExceptionally(unwrap(e));
            return;
          }
          if (element == null) {
            result.complete(null);
            return;
          }
          unpack.apply(element).forEachRemaining(action);
        }
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }
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
        S element;
        try {
          element = await(source.next());
          if (element == null) {
            // The end of the walk: closing releases nothing more, but keeps the interface's promise.
            close();
            return false;
          }
          current = unpack.apply(element);
        } catch (RuntimeException | Error e) {
          close();
          throw e;
        }
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
      current = Collections.emptyIterator();
      if (!ended) {
        ended = true;
        source.close();
      }
    }

    private @Nullable S await(CompletableFuture<@Nullable S> future) {
      try {
        return future.get();
      } catch (InterruptedException e) {
        // hasNext closes the walk on the way out, as for every failure.
        Thread.currentThread().interrupt();
        throw new AgpException("Interrupted while waiting for the next result of a walk", e);
      } catch (ExecutionException | CancellationException e) {
        Throwable cause = unwrap(e);
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw new AgpException("The walk failed: " + cause, cause);
      }
    }
  }
}
