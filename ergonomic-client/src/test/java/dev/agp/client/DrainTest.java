package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Drain}: one pass at a time, flat, and none lost. */
class DrainTest {

  /** Counts passes and records the nesting depth each one ran at. */
  private static final class Recorder implements Runnable {
    final AtomicInteger passes = new AtomicInteger();
    final AtomicInteger depth = new AtomicInteger();
    final List<Integer> depths = new ArrayList<>();
    Runnable inside = () -> {};

    @Override
    public void run() {
      depths.add(depth.incrementAndGet());
      passes.incrementAndGet();
      try {
        inside.run();
      } finally {
        depth.decrementAndGet();
      }
    }
  }

  @Test
  void aRequestMakesExactlyOnePass() {
    Recorder recorder = new Recorder();
    Drain drain = new Drain(recorder);

    drain.run();

    assertThat(recorder.passes).hasValue(1);
    assertThat(recorder.depths).containsExactly(1);
  }

  @Test
  void eachLaterRequestMakesItsOwnPass() {
    Recorder recorder = new Recorder();
    Drain drain = new Drain(recorder);

    drain.run();
    drain.run();
    drain.run();

    // Nothing is left due after a pass: each later request starts again from idle.
    assertThat(recorder.passes).hasValue(3);
    assertThat(recorder.depths).containsExactly(1, 1, 1);
  }

  @Test
  void aReentrantRequestRunsAfterThePassNotInsideIt() {
    Recorder recorder = new Recorder();
    Drain drain = new Drain(recorder);
    List<String> events = new ArrayList<>();
    recorder.inside = () -> {
      int pass = recorder.passes.get();
      events.add("start " + pass);
      if (pass == 1) {
        drain.run();
        events.add("requested during " + pass);
      }
      events.add("end " + pass);
    };

    drain.run();

    assertThat(events).containsExactly("start 1", "requested during 1", "end 1", "start 2", "end 2");
    assertThat(recorder.depths).containsExactly(1, 1);
  }

  @Test
  void severalReentrantRequestsDuringOnePassMakeOneMorePass() {
    Recorder recorder = new Recorder();
    Drain drain = new Drain(recorder);
    recorder.inside = () -> {
      if (recorder.passes.get() == 1) {
        drain.run();
        drain.run();
        drain.run();
      }
    };

    drain.run();

    // The one extra pass sees everything the three requests asked for.
    assertThat(recorder.passes).hasValue(2);
    assertThat(recorder.depths).containsExactly(1, 1);

    // And the drain is idle again afterwards.
    drain.run();
    assertThat(recorder.passes).hasValue(3);
  }

  @Test
  void requestsDuringTheExtraPassMakeAnotherOne() {
    Recorder recorder = new Recorder();
    Drain drain = new Drain(recorder);
    recorder.inside = () -> {
      int pass = recorder.passes.get();
      if (pass == 1) {
        drain.run();
        drain.run();
      } else if (pass == 2) {
        drain.run();
      }
    };

    drain.run();

    assertThat(recorder.passes).hasValue(3);
    assertThat(recorder.depths).containsExactly(1, 1, 1);
  }

  @Test
  void aHundredThousandChainedReentrantRequestsStayFlat() {
    Recorder recorder = new Recorder();
    Drain drain = new Drain(recorder);
    int wanted = 100_000;
    recorder.inside = () -> {
      if (recorder.passes.get() < wanted) {
        drain.run();
      }
    };

    drain.run();

    assertThat(recorder.passes).hasValue(wanted);
    assertThat(recorder.depths).hasSize(wanted).containsOnly(1);
  }

  @Test
  void requestsFromAnotherThreadDuringAPassAreMadeByTheRunningCaller() throws Exception {
    CountDownLatch inFirstPass = new CountDownLatch(1);
    CountDownLatch othersDone = new CountDownLatch(1);
    AtomicInteger passes = new AtomicInteger();
    List<Thread> passThreads = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Drain drain = new Drain(() -> {
      int pass = passes.incrementAndGet();
      synchronized (passThreads) {
        passThreads.add(Thread.currentThread());
      }
      if (pass == 1) {
        inFirstPass.countDown();
        try {
          if (!othersDone.await(10, TimeUnit.SECONDS)) {
            failure.set(new AssertionError("the other thread never returned"));
          }
        } catch (InterruptedException e) {
          failure.set(e);
        }
      }
    });

    Thread first = new Thread(drain::run, "first");
    first.start();
    assertThat(inFirstPass.await(10, TimeUnit.SECONDS)).isTrue();

    // Five requests while the first pass runs: each returns at once, without making a pass itself.
    for (int i = 0; i < 5; i++) {
      drain.run();
    }
    assertThat(passes).hasValue(1);
    othersDone.countDown();
    first.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(first.isAlive()).isFalse();
    assertThat(failure.get()).isNull();
    // The running caller made the pass that was due, once for all five.
    assertThat(passes).hasValue(2);
    synchronized (passThreads) {
      assertThat(passThreads).containsExactly(first, first);
    }
  }
}
