package dev.agp.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An asynchronous semaphore: at most {@code permits} requests run at once, across everything that shares
 * the limiter; the rest wait in arrival order without holding a thread. A waiting task whose future is
 * cancelled never starts. Starting and releasing happen in {@link Drain} passes, so requests that complete
 * at once never nest, and no request starts while a lock is held.
 */
final class RequestLimiter {
  private final int permits;
  private final Drain drain = new Drain(this::startWaiting);
  /** Guarded by {@code this}: tasks and releases arrive on any thread. */
  private final Deque<Task<?>> waiting = new ArrayDeque<>();
  private int running;
  private boolean closed;

  RequestLimiter(int permits) {
    this.permits = permits;
  }

  /** A request waiting for a permit, and the future its caller holds. */
  private final class Task<T> {
    final Supplier<CompletableFuture<T>> request;
    final CompletableFuture<T> result = new CompletableFuture<>();

    Task(Supplier<CompletableFuture<T>> request) {
      this.request = request;
    }

    void start() {
      if (result.isDone()) {
        release();
        return;
      }
      CompletableFuture<T> call;
      try {
        call = request.get();
      } catch (Throwable e) {
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
    }
  }

  <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> request) {
    Task<T> task = new Task<>(request);
    synchronized (this) {
      waiting.add(task);
    }
    drain.run();
    return task.result;
  }

  /** @return how many requests hold a permit now */
  /**
   * Starts nothing more: requests still waiting are cancelled, so that a walk that ends cannot start one
   * while it closes its lists one by one. Requests already running are the caller's to cancel.
   */
  void close() {
    synchronized (this) {
      closed = true;
    }
    drain.run();
  }

  synchronized int running() {
    return running;
  }

  private void release() {
    synchronized (this) {
      running--;
    }
    drain.run();
  }

  /** Starts waiting tasks while permits are free; skips those cancelled while they waited. */
  private void startWaiting() {
    while (true) {
      Task<?> next;
      synchronized (this) {
        if (waiting.isEmpty() || (running >= permits && !closed)) {
          return;
        }
        next = waiting.poll();
        if (next.result.isDone()) {
          continue;
        }
        if (!closed) {
          running++;
        }
      }
      if (closed) {
        // Outside the lock: cancelling runs the waiters' callbacks.
        next.result.cancel(true);
      } else {
        next.start();
      }
    }
  }
}
