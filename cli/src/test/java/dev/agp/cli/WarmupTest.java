package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WarmupTest {

  @Test
  void theCannedPageDecodesSoTheWarmUpReachesEveryDecoder() {
    // If a spec change made the canned page invalid, the warm-up would stop early, silently, at every start.
    assertThatNoException().isThrownBy(Warmup::run);
  }

  @Test
  void theWarmUpIsADaemonThatEndsOnItsOwn() throws InterruptedException {
    Thread warmup = Warmup.start();

    // A daemon: a command that makes no request exits without waiting for it.
    assertThat(warmup.isDaemon()).isTrue();
    warmup.join(30_000);
    assertThat(warmup.isAlive()).isFalse();
    Set<Thread> threads = Thread.getAllStackTraces().keySet();
    assertThat(threads).noneMatch(thread -> thread.getName().equals("agp-warm-up"));
  }
}
