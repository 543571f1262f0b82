package dev.agp.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Future helpers: a mapped future that, when cancelled, cancels its source too (and so the HTTP call). */
final class Futures {
  private Futures() {}

  static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<? super T, ? extends R> mapper) {
    CompletableFuture<R> mapped = source.thenApply(mapper);
    mapped.whenComplete((value, error) -> {
      if (mapped.isCancelled()) {
        source.cancel(true);
      }
    });
    return mapped;
  }
}
