package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.agp.client.errors.ErrorResponse;
import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.NotFoundException;
import dev.agp.client.errors.RateLimitException;
import dev.agp.generated.model.SessionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Waits for random session trees that live on a virtual clock: sessions spawned while their parent runs
 * (some late), random lifetimes, statuses newer than the SDK, 429s, children that disappear, slow answers.
 * Thousands of seeded schedules; a failure names its seed ({@code -Dagp.seed=N} replays it).
 */
class TreeWaitModelTest {

  private static final String[] TERMINAL = {"completed", "failed", "timed_out", "interrupted"};

  /** Virtual time: a clock and the events due on it, run in time order. */
  static final class World extends Clock {
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

    /** @return false when nothing is due any more */
    boolean runNext() {
      long[] next = queue.poll();
      if (next == null) {
        return false;
      }
      now = next[0];
      tasks.remove(next[1]).run();
      return true;
    }

    Sleeper sleeper() {
      return new Sleeper() {
        @Override
        public void sleep(Duration duration) {
          throw new AssertionError("the wait never blocks a thread");
        }

        @Override
        public CompletableFuture<Void> sleepAsync(Duration duration) {
          CompletableFuture<Void> wake = new CompletableFuture<>();
          at(now + duration.toMillis(), () -> wake.complete(null));
          return wake;
        }
      };
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(now);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** One session of the model: when it is listed, its statuses over time, when it disappears. */
  static final class Modelled {
    final String id;
    final String parent;
    final long listedAt;
    final List<long[]> changes = new ArrayList<>(); // {time, index into statuses}
    final List<String> statuses = new ArrayList<>();
    final List<Modelled> children = new ArrayList<>();
    long terminalAt;
    long goneAt = Long.MAX_VALUE;

    Modelled(String id, String parent, long listedAt) {
      this.id = id;
      this.parent = parent;
      this.listedAt = listedAt;
    }

    String statusAt(long time) {
      String status = statuses.get(0);
      for (long[] change : changes) {
        if (change[0] <= time) {
          status = statuses.get((int) change[1]);
        }
      }
      return status;
    }
  }

  static final class Tree {
    final Map<String, Modelled> sessions = new LinkedHashMap<>();
    Modelled root;
  }

  static Tree randomTree(Random random) {
    Tree tree = new Tree();
    int size = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 12);
    List<Modelled> open = new ArrayList<>();
    tree.root = session(tree, random, null, 0);
    open.add(tree.root);
    while (tree.sessions.size() < size) {
      Modelled parent = open.get(random.nextInt(open.size()));
      long runningFrom = parent.changes.get(0)[0];
      if (parent.terminalAt - runningFrom < 2) {
        open.remove(parent);
        if (open.isEmpty()) {
          break;
        }
        continue;
      }
      // Listed while the parent runs, sometimes late in its life.
      long listedAt = runningFrom + 1 + (long) (random.nextDouble() * (parent.terminalAt - runningFrom - 1));
      Modelled child = session(tree, random, parent, listedAt);
      parent.children.add(child);
      open.add(child);
    }
    if (random.nextInt(5) == 0 && tree.sessions.size() > 1) {
      // A child lists an ancestor again (a cycle), or a second parent lists a child: waited for once.
      List<Modelled> all = new ArrayList<>(tree.sessions.values());
      Modelled lister = all.get(1 + random.nextInt(all.size() - 1));
      if (lister.terminalAt - lister.changes.get(0)[0] >= 2) {
        lister.children.add(all.get(random.nextInt(all.size())));
      }
    }
    return tree;
  }

  private static Modelled session(Tree tree, Random random, Modelled parent, long listedAt) {
    String id = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    Modelled session = new Modelled(id, parent == null ? null : parent.id, listedAt);
    session.statuses.add(random.nextBoolean() ? "queued" : "pending");
    long runningAt = listedAt + random.nextInt(20_000);
    session.statuses.add("running");
    session.changes.add(new long[] {runningAt, 1});
    long at = runningAt;
    if (random.nextInt(6) == 0) {
      at += 1 + random.nextInt(30_000);
      session.statuses.add(random.nextBoolean() ? "thinking_hard" : "awaiting_tool_results");
      session.changes.add(new long[] {at, session.statuses.size() - 1});
    }
    long life = random.nextInt(4) == 0 ? random.nextInt(2_000) : random.nextInt(240_000);
    session.terminalAt = at + 1 + life;
    session.statuses.add(TERMINAL[random.nextInt(TERMINAL.length)]);
    session.changes.add(new long[] {session.terminalAt, session.statuses.size() - 1});
    if (parent != null && random.nextInt(15) == 0) {
      session.goneAt = listedAt + random.nextInt(300_000);
    }
    tree.sessions.put(id, session);
    return session;
  }

  /** The fake API over the model, and what it saw. */
  static final class Server {
    final World world;
    final Tree tree;
    final Random random;
    final double rateLimited;
    final double failing;
    final Set<String> terminalAnswered = new HashSet<>();
    final List<String> violations = new ArrayList<>();
    int inFlight;
    int maxInFlight;
    int requests;
    final List<CompletableFuture<SessionStatus>> open = new ArrayList<>();

    Server(World world, Tree tree, Random random, double rateLimited, double failing) {
      this.world = world;
      this.tree = tree;
      this.random = random;
      this.rateLimited = rateLimited;
      this.failing = failing;
    }

    CompletableFuture<SessionStatus> status(String id) {
      requests++;
      if (terminalAnswered.contains(id)) {
        violations.add("polled " + id + " at " + world.now + " after it answered a terminal status");
      }
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      CompletableFuture<SessionStatus> answer = new CompletableFuture<>();
      open.add(answer);
      long latency = 5 + random.nextInt(random.nextInt(10) == 0 ? 3_000 : 200);
      double roll = random.nextDouble();
      world.at(world.now + latency, () -> {
        if (answer.isDone()) {
          return; // cancelled by the wait
        }
        inFlight--;
        Modelled session = tree.sessions.get(id);
        if (session == null || world.now >= session.goneAt) {
          answer.completeExceptionally(new NotFoundException(response(404)));
        } else if (roll < rateLimited) {
          answer.completeExceptionally(new RateLimitException(response(429),
              random.nextBoolean() ? Duration.ofSeconds(1 + random.nextInt(20)) : null));
        } else if (roll < rateLimited + failing) {
          answer.completeExceptionally(new CompletionException(new InternalServerException(response(503))));
        } else {
          List<String> children = new ArrayList<>();
          for (Modelled child : session.children) {
            if (child.listedAt <= world.now || child.parent == null || !child.parent.equals(id)) {
              children.add(child.id);
            }
          }
          // Decoded from JSON as the client decodes it, so that a status newer than the SDK stays as sent.
          SessionStatus status = dev.agp.generated.runtime.AgpMoshi.get().adapter(SessionStatus.class)
              .fromJsonValue(Map.of("status", session.statusAt(world.now), "subagent_session_ids", children));
          if (status.getStatus() != null && status.getStatus().isTerminal()) {
            terminalAnswered.add(id);
          }
          answer.complete(status);
        }
      });
      return answer;
    }

    private static ErrorResponse response(int code) {
      return new ErrorResponse(code, "GET", "/api/v2/sessions/x/status", "model", List.of(), Map.of());
    }
  }

  @Test
  void randomTreesOnAVirtualClock() {
    long first = Long.getLong("agp.seed", 1);
    int runs = Long.getLong("agp.seed") != null ? 1 : 3_000;
    for (long seed = first; seed < first + runs; seed++) {
      try {
        runOnce(seed);
      } catch (AssertionError e) {
        throw new AssertionError("seed " + seed + " (replay with -Dagp.seed=" + seed + "): " + e.getMessage(), e);
      }
    }
  }

  private static void runOnce(long seed) {
    Random random = new Random(seed);
    World world = new World();
    Tree tree = randomTree(random);
    boolean shortDeadline = random.nextInt(8) == 0;
    double rateLimited = random.nextInt(4) == 0 ? 0.1 : 0;
    double failing = random.nextInt(20) == 0 ? 0.05 : 0;
    Server server = new Server(world, tree, random, rateLimited, failing);
    int bound = 1 + random.nextInt(6);
    List<WaitEvent> events = new ArrayList<>();
    Duration deadline = shortDeadline ? Duration.ofMillis(1 + random.nextInt(200_000)) : Duration.ofHours(2);
    WaitOptions options = WaitOptions.builder().maxInFlight(bound).deadline(deadline).onChange(events::add).build();
    boolean wholeTree = random.nextInt(5) > 0;
    CompletableFuture<WaitResult> wait = new TreeWait(server::status, world.sleeper(), world, options, wholeTree,
        random::nextDouble).start(tree.root.id);
    int steps = 0;
    while (!wait.isDone() && world.runNext()) {
      if (++steps > 1_000_000) {
        fail("runaway: a million steps, virtual time %d ms", world.now);
      }
    }
    assertThat(wait).as("the wait stalled: nothing left to run at %d ms", world.now).isDone();
    assertThat(server.violations).isEmpty();
    assertThat(server.maxInFlight).as("requests in flight").isLessThanOrEqualTo(wholeTree ? bound : 1);

    // The sessions the wait must meet: the root and (for a tree) all it reaches through sessions that never
    // disappear; it may also meet those listed by a session before it disappeared.
    Map<String, Modelled> mustMeet = new LinkedHashMap<>();
    collect(tree.root, wholeTree, false, mustMeet);
    Map<String, Modelled> mayMeet = new LinkedHashMap<>();
    collect(tree.root, wholeTree, true, mayMeet);
    WaitResult result;
    try {
      result = wait.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AgpWaitTimeoutException) {
        assertThat(world.now).as("ended at the deadline").isEqualTo(deadline.toMillis());
        WaitResult partial = ((AgpWaitTimeoutException) cause).partialResult();
        assertThat(partial.pending()).isNotEmpty();
        assertThat(partial.requests()).isEqualTo(server.requests);
        assertThat(server.open.stream().filter(f -> !f.isDone())).as("requests left running").isEmpty();
        return;
      }
      if (cause instanceof InternalServerException || (cause instanceof NotFoundException && tree.root.goneAt < Long.MAX_VALUE)) {
        assertThat(failing > 0 || cause instanceof NotFoundException).isTrue();
        assertThat(server.open.stream().filter(f -> !f.isDone())).as("requests left running").isEmpty();
        return;
      }
      throw new AssertionError("unexpected failure " + cause, cause);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(result.parents().keySet()).containsAll(mustMeet.keySet());
    assertThat(mayMeet.keySet()).containsAll(result.parents().keySet());
    long lastTerminal = 0;
    for (String id : result.parents().keySet()) {
      Modelled session = tree.sessions.get(id);
      if (result.gone().contains(id)) {
        assertThat(session.goneAt).as("gone %s", id).isLessThanOrEqualTo(world.now);
        lastTerminal = Math.max(lastTerminal, session.goneAt); // its end, as far as the wait can tell
        continue;
      }
      lastTerminal = Math.max(lastTerminal, session.terminalAt);
      assertThat(result.statuses().get(id).getStatusRaw()).as("final status of %s", id)
          .isEqualTo(session.statuses.get(session.statuses.size() - 1));
    }
    String story = "bound " + bound + ", " + result.parents().size() + " sessions, " + server.requests + " requests, rate "
        + rateLimited + ", last terminal " + lastTerminal + ", events " + (Boolean.getBoolean("agp.story") ? events : "");
    assertThat(world.now).as("the wait ends after the last session's end: %s", story).isGreaterThanOrEqualTo(lastTerminal);
    assertThat(world.now).as("ends at most one interval and a slow answer after the last end: %s", story).isLessThanOrEqualTo(
        lastTerminal + (long) (WaitOptions.DEFAULT_MAX_POLL_INTERVAL.toMillis() * 1.1) + 3_200
            + (rateLimited > 0 ? 60_000 : 0));
    assertThat(deadline.toMillis()).isGreaterThanOrEqualTo(world.now);
    assertThat(result.pending()).isEmpty();
    assertThat(result.requests()).isEqualTo(server.requests);
    assertThat(events.get(events.size() - 1)).isInstanceOf(WaitEvent.Finished.class);
    Set<String> unknown = new HashSet<>();
    for (WaitEvent event : events) {
      if (event instanceof WaitEvent.UnknownStatus) {
        assertThat(unknown.add(((WaitEvent.UnknownStatus) event).status())).as("unknown status told once").isTrue();
      }
    }
  }

  private static void collect(Modelled session, boolean wholeTree, boolean throughGone, Map<String, Modelled> into) {
    if (into.putIfAbsent(session.id, session) != null || !wholeTree) {
      return;
    }
    if (!throughGone && session.goneAt != Long.MAX_VALUE) {
      return; // may disappear before listing its children
    }
    for (Modelled child : session.children) {
      collect(child, true, throughGone, into);
    }
  }
}
