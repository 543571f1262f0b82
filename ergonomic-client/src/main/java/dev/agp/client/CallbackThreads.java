package dev.agp.client;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's own callback threads: daemon threads created as needed and retired after a minute idle. The
 * pool is unbounded on purpose, as OkHttp's dispatcher pool is: a callback that blocks must never keep
 * another callback, which it may be waiting for, from running.
 */
final class CallbackThreads {
  private CallbackThreads() {}

  static ExecutorService newExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory daemons = runnable -> {
      Thread thread = new Thread(runnable, "agp-callback-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
        daemons);
  }
}
