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
  void awaitReturnsOnceTheWarmUpHasFinishedAndLeavesNoThreadBehind() {
    Warmup warmup = Warmup.start();

    warmup.await();

    Set<Thread> threads = Thread.getAllStackTraces().keySet();
    assertThat(threads).noneMatch(thread -> thread.getName().equals("agp-warm-up"));
  }
}
