package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the engine's walks cost, pinned: for fixed seeds of the model suites, how many requests each walk
 * made, what it yielded and how it ended. The model suites prove that every walk is correct; this proves
 * that a change to the planning (windows, overlaps, bridges, jumps, read-ahead) does not silently make walks
 * dearer. A change that is meant to alter costs updates the ledgers in {@code src/test/resources/costs/}
 * from the {@code .actual} files the failing run writes under {@code target/}, and says why in its commit.
 */
class WalkCostsTest {

  private static final long BASE = 20261129L;
  /** Fewer walks under mutation testing (a prefix of each ledger), so that each mutant's run stays short. */
  private static final int LIMIT = Integer.getInteger("agp.costs.walks", Integer.MAX_VALUE);

  @Test
  void pageWalkCostsArePinned() throws IOException {
    List<String> actual = new ArrayList<>();
    for (long seed = BASE; seed < BASE + Math.min(400, LIMIT); seed++) {
      actual.add(PageWalkModelTest.runAndCheck(PageWalkModelTest.Schedule.random(seed)));
    }
    compare("page-walk.txt", actual);
  }

  @Test
  void treeWalkCostsArePinned() throws IOException {
    List<String> actual = new ArrayList<>();
    for (long seed = BASE; seed < BASE + Math.min(300, LIMIT); seed++) {
      actual.add(TreeWalkModelTest.runAndCheck(seed));
    }
    compare("tree-walk.txt", actual);
  }

  private static void compare(String ledger, List<String> actual) throws IOException {
    Path written = Path.of("target", "costs", ledger + ".actual");
    Files.createDirectories(written.getParent());
    Files.write(written, actual, StandardCharsets.UTF_8);
    List<String> expected;
    try (InputStream in = WalkCostsTest.class.getResourceAsStream("/costs/" + ledger)) {
      assertThat(in).as("ledger costs/%s (create it from %s)", ledger, written).isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(actual.size()).toList();
    }
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String was = i < expected.size() ? expected.get(i) : "(none)";
      String now = i < actual.size() ? actual.get(i) : "(none)";
      if (!was.equals(now)) {
        changed.add("was " + was + ", now " + now);
      }
    }
    long before = total(expected);
    long after = total(actual);
    assertThat(changed)
        .as("%d walks cost differently (requests in all: %d before, %d now); if intended, copy %s over "
            + "src/test/resources/costs/%s", changed.size(), before, after, written, ledger)
        .isEmpty();
  }

  private static long total(List<String> lines) {
    return lines.stream().mapToLong(line -> {
      for (String part : line.split(" ")) {
        if (part.startsWith("requests=")) {
          return Long.parseLong(part.substring("requests=".length()));
        }
      }
      return 0;
    }).sum();
  }
}
