package dev.agp.client;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a state machine's pass one caller at a time, without locks and without recursion: a caller that
 * arrives while a pass runs (on any thread, or re-entrantly from inside the pass) only records that
 * another pass is due, and the running caller makes it. This is how the walks stay flat however many
 * answers are already there: a completed future never makes the stack deeper, and no user callback ever
 * runs while a lock is held, because there is none.
 *
 * <p>The atomic counter also orders memory: whatever a caller wrote before {@link #run()} is visible to
 * the pass that answers it.
 */
final class Drain {
  private final AtomicInteger due = new AtomicInteger();
  private final Runnable pass;

  /** @param pass one pass of the state machine; it must not throw (it catches and records failures) */
  Drain(Runnable pass) {
    this.pass = pass;
  }

  /** Makes a pass now, or has the running caller make one more. */
  void run() {
    if (due.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      pass.run();
      missed = due.addAndGet(-missed);
    } while (missed != 0);
  }
}
