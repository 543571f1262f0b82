package dev.agp.client;

import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.runtime.AgpMoshi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Case 9: the requests {@code awaitTree} makes on a 50-node tree whose sessions finish at random times
 * over two minutes, against a naive loop that polls every node every 2 s until all are done; both on a
 * virtual clock (50 ms per answer), so a run takes milliseconds and is the same on every machine. It sits
 * in the client's package to drive the waiter's engine with a virtual status source, which no public API
 * offers.
 */
public final class WaitBenchmark {

  static final int NODES = 50;
  static final long SPAN_MILLIS = 120_000;
  static final long LATENCY_MILLIS = 50;
  static final long NAIVE_PERIOD_MILLIS = 2_000;

  private WaitBenchmark() {}

  /** One run's figures. */
  public record Run(int waiterRequests, int naiveRequests, long waiterLagMillis, long naiveLagMillis) {}

  /** Virtual time: a clock and the tasks due on it. */
  private static final class World extends Clock {
    long now;
    private long sequence;
    private final PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0]
        ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    private final Map<Long, Runnable> tasks = new HashMap<>();

    void at(long time, Runnable task) {
      long id = sequence++;
      tasks.put(id, task);
      queue.add(new long[] {Math.max(time, now), id});
    }

    boolean runNext() {
      long[] next = queue.poll();
      if (next == null) {
        return false;
      }
      now = next[0];
      tasks.remove(next[1]).run();
      return true;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** A random tree of {@link #NODES} sessions, each ending at a random time within the span. */
  private static final class Tree {
    final List<String> ids = new ArrayList<>();
    final Map<String, List<String>> children = new HashMap<>();
    final Map<String, Long> endsAt = new HashMap<>();

    Tree(Random random) {
      for (int i = 0; i < NODES; i++) {
        String id = new java.util.UUID(random.nextLong(), i).toString();
        ids.add(id);
        children.put(id, new ArrayList<>());
        endsAt.put(id, 1 + (long) (random.nextDouble() * SPAN_MILLIS));
        if (i > 0) {
          children.get(ids.get(random.nextInt(i))).add(id);
        }
      }
    }

    long lastEnd() {
      return endsAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    SessionStatus statusAt(String id, long time) {
      return AgpMoshi.get().adapter(SessionStatus.class).fromJsonValue(Map.of(
          "status", time >= endsAt.get(id) ? "completed" : "running", "subagent_session_ids", children.get(id)));
    }
  }

  /**
   * @param seed decides the tree, its end times and the waiter's jitter
   * @return the requests and end-detection lags of both
   */
  public static Run run(long seed) {
    Tree tree = new Tree(new Random(seed));
    // The waiter, with its default options.
    World world = new World();
    int[] requests = new int[1];
    Sleeper sleeper = new Sleeper() {
      @Override
      public void sleep(Duration duration) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<Void> sleepAsync(Duration duration) {
        CompletableFuture<Void> wake = new CompletableFuture<>();
        world.at(world.now + duration.toMillis(), () -> wake.complete(null));
        return wake;
      }
    };
    Random jitter = new Random(seed);
    CompletableFuture<WaitResult> wait = new TreeWait(id -> {
      requests[0]++;
      CompletableFuture<SessionStatus> answer = new CompletableFuture<>();
      world.at(world.now + LATENCY_MILLIS, () -> answer.complete(tree.statusAt(id, world.now)));
      return answer;
    }, sleeper, world, WaitOptions.defaults(), true, jitter::nextDouble).start(tree.ids.get(0));
    while (!wait.isDone() && world.runNext()) {
      // Virtual time passes.
    }
    if (wait.join().parents().size() != NODES || !wait.join().pending().isEmpty()) {
      throw new IllegalStateException("the waiter did not see the whole tree end: " + wait.join());
    }
    long waiterEnd = world.now;

    // The naive loop: every 2 s, poll every node known (children discovered from the answers) until all are done.
    int naive = 0;
    long time = 0;
    List<String> known = new ArrayList<>(List.of(tree.ids.get(0)));
    while (true) {
      boolean allDone = true;
      for (int i = 0; i < known.size(); i++) {
        String id = known.get(i);
        naive++;
        SessionStatus status = tree.statusAt(id, time + LATENCY_MILLIS);
        allDone &= status.getStatus().isTerminal();
        for (String child : status.getSubagentSessionIds()) {
          if (!known.contains(child)) {
            known.add(child);
            allDone = false;
          }
        }
      }
      if (allDone) {
        break;
      }
      time += NAIVE_PERIOD_MILLIS;
    }
    long naiveEnd = time + LATENCY_MILLIS;
    return new Run(requests[0], naive, waiterEnd - tree.lastEnd(), naiveEnd - tree.lastEnd());
  }
}
