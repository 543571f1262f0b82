package dev.agp.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An asynchronous semaphore: at most {@code permits} requests run at once, across everything that shares
 * the limiter; the rest wait in arrival order without holding a thread. A waiting task whose future is
 * cancelled never starts.
 */
final class RequestLimiter {
  private final int permits;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  RequestLimiter(int permits) {
    this.permits = permits;
  }

  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Runnable start = () -> {
      if (result.isDone()) {
        release();
        return;
      }
      CompletableFuture<T> call;
      try {
        call = request.get();
      } catch (RuntimeException e) {
        release();
        result.completeExceptionally(e);
        return;
      }
      // Cancelling the result cancels the call (and so the HTTP request).
      result.whenComplete((value, error) -> {
        if (result.isCancelled()) {
          call.cancel(true);
        }
      });
      call.whenComplete((value, error) -> {
        release();
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(value);
        }
      });
    };
    boolean runNow;
    synchronized (this) {
      runNow = running < permits;
      if (runNow) {
        running++;
      } else {
        waiting.add(start);
      }
    }
    if (runNow) {
      start.run();
    }
    return result;
  }

  /** Hands the permit to the next waiting task, or returns it. */
  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        running--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
