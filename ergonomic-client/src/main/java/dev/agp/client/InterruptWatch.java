package dev.agp.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns a thread's interrupt into a cancel of the blocking HTTP call it waits on. OkHttp's blocking I/O
 * does not notice interrupts and Java has no interrupt hook, so one daemon thread checks the watched
 * threads every {@link #PERIOD_MILLIS} ms, and only while some are watched.
 */
final class InterruptWatch {

  static final long PERIOD_MILLIS = 10;

  private static final Map<Watch, Boolean> WATCHED = new ConcurrentHashMap<>();
  private static volatile Thread watcher;

  private InterruptWatch() {}

  /** A watched thread and what to do when it is interrupted; close it when the blocking call returns. */
  static final class Watch implements AutoCloseable {
    private final Thread thread = Thread.currentThread();
    private final Runnable onInterrupt;
    private volatile boolean fired;

    private Watch(Runnable onInterrupt) {
      this.onInterrupt = onInterrupt;
    }

    /** @return whether the watch cancelled the call because the thread was interrupted */
    boolean fired() {
      return fired;
    }

    @Override
    public void close() {
      WATCHED.remove(this);
    }
  }

  /** Watches the calling thread until the returned watch is closed. */
  static Watch watch(Runnable onInterrupt) {
    Watch watch = new Watch(onInterrupt);
    WATCHED.put(watch, Boolean.TRUE);
    Thread current = watcher;
    if (current == null) {
      startWatcher();
    } else {
      LockSupport.unpark(current);
    }
    return watch;
  }

  private static synchronized void startWatcher() {
    if (watcher != null) {
      return;
    }
    Thread thread = new Thread(InterruptWatch::loop, "agp-interrupt-watch");
    thread.setDaemon(true);
    watcher = thread;
    thread.start();
  }

  private static void loop() {
    while (true) {
      if (WATCHED.isEmpty()) {
        // Nothing to watch: sleep until watch() wakes this thread (or a spurious wake-up).
        LockSupport.park();
        continue;
      }
      for (Watch watch : WATCHED.keySet()) {
        if (!watch.fired && watch.thread.isInterrupted()) {
          watch.fired = true;
          try {
            watch.onInterrupt.run();
          } catch (RuntimeException ignored) {
            // Cancelling a call does not throw; nothing else runs here.
          }
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
    }
  }
}
