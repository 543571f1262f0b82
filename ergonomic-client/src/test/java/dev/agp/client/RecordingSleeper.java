package dev.agp.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that records every requested wait and returns at once, so that retry tests never sleep. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  @Override
  public CompletableFuture<Void> sleepAsync(Duration duration) {
    waits.add(duration);
    return CompletableFuture.completedFuture(null);
  }
}
