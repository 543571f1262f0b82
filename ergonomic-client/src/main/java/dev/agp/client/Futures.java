package dev.agp.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Future helpers: a mapped future that, when cancelled, cancels its source first (and so the HTTP call). */
final class Futures {
  private Futures() {}

  /**
   * Maps {@code source}. Cancelling the result cancels the source before the result itself completes, so
   * that anything waiting on the result (a request limiter releasing its permit) runs after the request
   * was cancelled, never before.
   */
  static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<? super T, ? extends R> mapper) {
    CompletableFuture<R> mapped = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        source.cancel(mayInterruptIfRunning);
        return super.cancel(mayInterruptIfRunning);
      }
    };
    source.whenComplete((value, error) -> {
      if (error != null) {
        mapped.completeExceptionally(error);
        return;
      }
      try {
        mapped.complete(mapper.apply(value));
      } catch (Throwable t) {
        mapped.completeExceptionally(t);
      }
    });
    return mapped;
  }
}
