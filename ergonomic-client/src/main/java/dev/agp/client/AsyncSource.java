package dev.agp.client;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A walk that is pulled one element at a time without blocking: pages of a listing, nodes of a tree. */
interface AsyncSource<T> {

  /** @return a future of the next element, or of {@code null} at the end; one pull at a time */
  CompletableFuture<@Nullable T> next();

  /** Stops the walk and cancels its requests in flight. Idempotent. */
  void close();
}
