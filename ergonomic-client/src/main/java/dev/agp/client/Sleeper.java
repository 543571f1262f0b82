package dev.agp.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Waits between retries. The default waits for real; tests inject one that records the requested delays
 * and returns at once, so that no test ever sleeps.
 */
public interface Sleeper {

  /**
   * Blocks the calling thread for {@code duration}.
   *
   * @param duration how long to wait
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns a future that completes after {@code duration}, without blocking any thread while waiting.
   *
   * @param duration how long to wait
   * @return a future completed after the wait
   */
  CompletableFuture<Void> sleepAsync(Duration duration);

  /** @return a sleeper that really waits: {@link Thread#sleep} and a shared delayed executor */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }
}
