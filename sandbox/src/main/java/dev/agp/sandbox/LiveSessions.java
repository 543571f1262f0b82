package dev.agp.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Manager trees that live: each manager goes from {@code queued} or {@code pending} to {@code running},
 * spawns subagent sessions while it runs (some of them spawning their own), and ends after its subagents,
 * all within a span that starts when the sandbox starts. Everything is decided up front from a seed, and
 * applied as the sandbox's clock passes each change, so the same seed and clock give the same answers.
 */
final class LiveSessions {

  /** The ids of the live managers, the first with the largest tree. */
  static final List<String> MANAGER_IDS = List.of(
      "11fe0000-0000-4000-8000-000000000001",
      "11fe0000-0000-4000-8000-000000000002",
      "11fe0000-0000-4000-8000-000000000003");

  private static final List<String> ENDINGS = List.of("completed", "completed", "completed", "failed", "timed_out",
      "interrupted");

  /** One change, due at a time: a session created, or one of its fields changed. */
  private record Change(Instant at, String id, UnaryOperator<SandboxSession> apply) {}

  private final Clock clock;
  private final List<Change> changes = new ArrayList<>();
  private int applied;

  /**
   * @param seed decides every tree, time and ending
   * @param clock the sandbox's clock; the span starts at its time now
   * @param span when the last session ends, after the start
   */
  LiveSessions(long seed, Clock clock, Duration span) {
    this.clock = clock;
    Random random = new Random(seed);
    Instant start = clock.instant();
    long spanMillis = span.toMillis();
    int[] treeSizes = {12, 5, 1};
    for (int m = 0; m < MANAGER_IDS.size(); m++) {
      // Managers end late in the span, after their subagents, each in its own way.
      long end = spanMillis - (long) (spanMillis * 0.1 * m) - random.nextInt(Math.max(1, (int) (spanMillis / 50)));
      String ending = m == 0 ? "completed" : m == 1 ? "failed" : "completed";
      plan(random, MANAGER_IDS.get(m), null, start, 0, end, ending, treeSizes[m], m == 0);
    }
    changes.sort(Comparator.comparing(Change::at));
  }

  /** Plans a session living from {@code from} to {@code end} (ms after start), and {@code size - 1} below it. */
  private int plan(Random random, String id, String parentId, Instant start, long from, long end, String ending,
      int size, boolean deep) {
    long running = from + Math.max(1, (end - from) / 10) * (1 + random.nextInt(2)) / 2;
    created(id, parentId, start.plusMillis(from), random);
    change(start.plusMillis(running), id, s -> s.toBuilder().status("running").startedAt(start.plusMillis(running))
        .steps(1).build());
    long steps = Math.max(1, (end - running) / 4);
    for (int step = 2; step <= 4; step++) {
      int count = step;
      change(start.plusMillis(running + steps * (step - 1)), id, s -> s.toBuilder().steps(count * 3).build());
    }
    int planned = 1;
    int left = size - 1;
    while (left > 0) {
      // A subagent starts while its parent runs and ends before it.
      long childFrom = running + 1 + (long) (random.nextDouble() * (end - running) * 0.5);
      long childEnd = childFrom + 1 + (long) (random.nextDouble() * (end - childFrom - 1) * 0.9);
      int childSize = deep && left > 3 ? 1 + random.nextInt(3) : 1;
      String childId = new java.util.UUID(0x11fe000000004000L | (random.nextLong() & 0x0FFFL) << 16,
          (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
      String childEnding = ENDINGS.get(random.nextInt(ENDINGS.size()));
      int added = plan(random, childId, id, start, childFrom, childEnd, childEnding, Math.min(childSize, left), false);
      planned += added;
      left -= added;
    }
    Instant ended = start.plusMillis(end);
    change(ended, id, s -> s.toBuilder().status(ending).finishedAt(ended)
        .error(ending.equals("completed") ? null : "The agent stopped: " + ending.replace('_', ' ') + ".").build());
    return planned;
  }

  private void created(String id, String parentId, Instant at, Random random) {
    String agent = parentId == null ? "h/manager" : List.of("fast-searcher", "visual-verifier", "web-price-finder")
        .get(random.nextInt(3));
    String first = random.nextBoolean() ? "queued" : "pending";
    changes.add(new Change(at, id, ignored -> SandboxSession.builder(id).agent(agent).status(first)
        .firstMessage(parentId == null ? "Plan a three-day trip to Lisbon" : "Check one source for the plan")
        .createdAt(at).parentId(parentId).build()));
  }

  private void change(Instant at, String id, UnaryOperator<SandboxSession> apply) {
    changes.add(new Change(at, id, apply));
  }

  /** Applies every change due by the clock's time now. */
  synchronized void advance(SandboxData data) {
    Instant now = clock.instant();
    while (applied < changes.size() && !changes.get(applied).at().isAfter(now)) {
      Change change = changes.get(applied++);
      SandboxSession current = data.get(change.id()).orElse(null);
      data.add(change.apply().apply(current));
    }
  }
}
