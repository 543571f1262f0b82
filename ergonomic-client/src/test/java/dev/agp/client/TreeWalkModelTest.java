package dev.agp.client;

import dev.agp.client.errors.SessionTreeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.agp.client.errors.ErrorResponse;
import dev.agp.client.errors.InternalServerException;
import dev.agp.generated.model.SessionSummary;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Model-based properties of {@link TreeWalk}: thousands of seeded random forests (wide and deep shapes,
 * cycles, children shared by two parents, child lists that grow during the walk), answers completed by hand
 * in any order, failures and cancellation at any point. Checked: exact pre-order of the sessions that
 * existed throughout, each once, repeats reported, limits honoured and reported, requests in flight bounded,
 * nothing left running, never a hang. Replay a failure with {@code -Dagp.tree.seed=<seed>}.
 */
class TreeWalkModelTest {

  private static final int SCHEDULES = Integer.getInteger("agp.model.schedules", 3_000) / 2;
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final String ROOT = "root";

  /** A forest: ordered child lists (newest first), mutable by inserts at the head. */
  static final class Forest {
    final Map<String, List<String>> children = new HashMap<>();
    final Map<String, Long> created = new HashMap<>();
    final Set<String> original = new HashSet<>();
    long clock;
    int next;

    String add() {
      String id = "n" + next++;
      created.put(id, clock++);
      children.put(id, new ArrayList<>());
      return id;
    }

    static Forest random(Random r) {
      Forest f = new Forest();
      f.children.put(ROOT, new ArrayList<>());
      f.created.put(ROOT, f.clock++);
      List<String> nodes = new ArrayList<>(List.of(ROOT));
      int size = r.nextInt(10) == 0 ? 300 + r.nextInt(300) : r.nextInt(80);
      boolean deep = r.nextInt(4) == 0;
      for (int i = 0; i < size; i++) {
        String parent = deep ? nodes.get(Math.max(0, nodes.size() - 1 - r.nextInt(3))) : nodes.get(r.nextInt(nodes.size()));
        String child = f.add();
        f.children.get(parent).add(0, child);
        nodes.add(child);
      }
      int oddities = r.nextInt(4) == 0 ? 1 + r.nextInt(4) : 0;
      for (int i = 0; i < oddities && nodes.size() > 1; i++) {
        // A cycle (a child pointing back at any node, the root included) or a child under a second parent.
        String parent = nodes.get(r.nextInt(nodes.size()));
        String child = nodes.get(r.nextInt(nodes.size()));
        if (!f.children.get(parent).contains(child)) {
          f.children.get(parent).add(child);
          // Child lists are sorted newest first, as the API sorts them.
          f.children.get(parent).sort((a, b) -> Long.compare(f.created.get(b), f.created.get(a)));
        }
      }
      f.original.addAll(f.created.keySet());
      return f;
    }

    SessionSummary summary(String id) {
      return new SessionSummary().id(id).statusRaw("running")
          .createdAt(OffsetDateTime.ofInstant(EPOCH.plusSeconds(created.get(id)), ZoneOffset.UTC));
    }

    /** Child lists are sorted newest first; a shared or cyclic child keeps the place it was given. */
    SessionPage page(String parent, int page, int size) {
      List<String> all = children.getOrDefault(parent, List.of());
      List<SessionSummary> items = new ArrayList<>();
      for (long i = (long) (page - 1) * size; i < Math.min(all.size(), (long) page * size); i++) {
        items.add(summary(all.get((int) i)));
      }
      return new SessionPage(items, page, size, all.size());
    }

    /** The pre-order a still forest gives: each session once, repeats skipped, depth limited. */
    List<String> preOrder(int maxDepth) {
      List<String> order = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      ArrayList<Object[]> stack = new ArrayList<>();
      stack.add(new Object[] {ROOT, 0});
      while (!stack.isEmpty()) {
        Object[] top = stack.remove(stack.size() - 1);
        String id = (String) top[0];
        int depth = (int) top[1];
        if (!seen.add(id)) {
          continue;
        }
        order.add(id);
        if (depth < maxDepth) {
          List<String> kids = children.get(id);
          for (int i = kids.size() - 1; i >= 0; i--) {
            stack.add(new Object[] {kids.get(i), depth + 1});
          }
        }
      }
      return order;
    }
  }

  private static final class Request {
    final String parent;
    final int page;
    final int size;
    final CompletableFuture<SessionPage> future = new CompletableFuture<>();

    Request(String parent, int page, int size) {
      this.parent = parent;
      this.page = page;
      this.size = size;
    }
  }

  @Test
  void randomForestsKeepTheTreeContract() {
    Long replay = Long.getLong("agp.tree.seed");
    long base = Long.getLong("agp.model.base", 20261129L);
    List<String> failures = new ArrayList<>();
    for (long seed = replay != null ? replay : base; seed < (replay != null ? replay + 1 : base + SCHEDULES); seed++) {
      try {
        runAndCheck(seed);
      } catch (AssertionError | RuntimeException e) {
        failures.add("seed " + seed + " (-Dagp.tree.seed=" + seed + "): " + e.getMessage().lines().limit(4).reduce("", (a, b) -> a + " " + b));
      }
    }
    assertThat(failures).as(failures.size() + " schedules failed").isEmpty();
  }

  /** Runs one random forest, checks the contract, and returns what the walk cost and how it ended. */
  static String runAndCheck(long seed) {
    Random r = new Random(seed);
    Forest forest = Forest.random(r);
    int concurrency = 1 + r.nextInt(6);
    int maxDepth = r.nextInt(4) == 0 ? r.nextInt(5) : Integer.MAX_VALUE;
    boolean churn = r.nextInt(3) == 0;
    int maxNodes = !churn && r.nextInt(4) == 0 ? 1 + r.nextInt(forest.original.size() + 2) : TreeOptions.DEFAULT_MAX_NODES;
    int failAt = r.nextInt(10) == 0 ? 1 + r.nextInt(30) : -1;
    int closeAt = r.nextInt(10) == 0 ? r.nextInt(40) : -1;
    boolean outOfOrder = r.nextBoolean();

    List<Request> pending = new ArrayList<>();
    int[] maxInFlight = {0};
    int[] requestsAfterClose = {0};
    int[] requestsMade = {0};
    boolean[] closed = {false};
    List<RepeatedSession> repeats = new ArrayList<>();
    int[] limitCalls = {0};
    TreeOptions options = TreeOptions.builder().concurrency(concurrency).maxDepth(maxDepth).maxNodes(maxNodes)
        .onRepeat(repeats::add).onNodeLimit(n -> limitCalls[0]++).build();

    TreeWalk.ChildPages pages = (parent, page, size) -> {
      Request request = new Request(parent, page, size);
      return track(request, pending, maxInFlight, closed, requestsAfterClose, requestsMade);
    };
    java.util.function.Function<String, CompletableFuture<SessionSummary>> root = id -> {
      Request request = new Request(null, 0, 0);
      // As SessionService does: cancelling the mapped future cancels the request.
      return Futures.map(track(request, pending, maxInFlight, closed, requestsAfterClose, requestsMade), p -> forest.summary(ROOT));
    };
    TreeWalk walk = new TreeWalk(ROOT, options, root, pages);

    List<SessionNode> yielded = new ArrayList<>();
    Throwable error = null;
    int answers = 0;
    long steps = 0;
    outer:
    while (true) {
      CompletableFuture<SessionNode> pull = walk.next();
      while (!pull.isDone()) {
        if (steps++ == closeAt) {
          walk.close();
          closed[0] = true;
          continue;
        }
        if (pending.isEmpty()) {
          fail("the walk waits while no request is in flight: it would hang");
        }
        if (steps > 200_000) {
          fail("the walk did not end");
        }
        Request request = pending.remove(outOfOrder ? r.nextInt(pending.size()) : 0);
        answers++;
        if (churn && r.nextBoolean()) {
          // A new session appears at the head of a random child list, as subagents are spawned.
          List<String> ids = new ArrayList<>(forest.children.keySet());
          String parent = ids.get(r.nextInt(ids.size()));
          forest.children.get(parent).add(0, forest.add());
        }
        if (answers == failAt) {
          request.future.completeExceptionally(new InternalServerException(
              new ErrorResponse(500, "GET", "/api/v2/sessions", "Injected failure", List.of(), Map.of())));
        } else if (request.parent == null) {
          request.future.complete(null);
        } else {
          request.future.complete(forest.page(request.parent, request.page, request.size));
        }
      }
      SessionNode node;
      try {
        node = pull.join();
      } catch (CompletionException e) {
        error = AsyncSources.unwrap(e);
        break outer;
      }
      if (node == null) {
        break;
      }
      yielded.add(node);
    }

    List<String> ids = yielded.stream().map(SessionNode::id).toList();
    assertThat(new HashSet<>(ids)).as("each session once").hasSize(ids.size());
    assertThat(maxInFlight[0]).as("requests in flight").isLessThanOrEqualTo(concurrency);
    assertThat(requestsAfterClose[0]).as("requests after close").isZero();
    String cost = seed + " requests=" + requestsMade[0] + " nodes=" + ids.size() + " "
        + (closed[0] ? "closed" : error != null ? error.getClass().getSimpleName() : "end");
    String outcome = "closed=" + closed[0] + " error=" + error + " yielded=" + ids.size() + " maxNodes=" + maxNodes
        + " maxDepth=" + maxDepth;
    assertThat(pending.stream().filter(q -> !q.future.isDone()).map(q -> q.parent + "/" + q.page + "/" + q.size))
        .as("requests left running (%s)", outcome).isEmpty();
    assertThat(ids.size()).as("node limit").isLessThanOrEqualTo(maxNodes);
    for (SessionNode n : yielded) {
      assertThat(n.depth()).as("depth limit").isLessThanOrEqualTo(maxDepth);
    }
    if (closed[0]) {
      return cost;
    }
    if (error != null) {
      assertThat(failAt).as("only an injected failure fails the walk: " + error).isPositive();
      assertThat(error).isInstanceOf(SessionTreeException.class);
      return cost;
    }
    List<String> expected = forest.preOrder(maxDepth).stream().filter(forest.original::contains).toList();
    List<String> originalsYielded = ids.stream().filter(forest.original::contains).toList();
    if (ids.size() == maxNodes && maxNodes < expected.size()) {
      assertThat(walk.nodeLimitReached()).as("node limit reported").isTrue();
      assertThat(limitCalls[0]).isEqualTo(1);
      assertThat(originalsYielded).isEqualTo(expected.subList(0, originalsYielded.size()));
      return cost;
    }
    assertThat(walk.nodeLimitReached()).isFalse();
    assertThat(originalsYielded).as("exact pre-order of the sessions that existed throughout").isEqualTo(expected);
    for (RepeatedSession repeat : repeats) {
      assertThat(ids).as("a repeat is of a session already yielded").contains(repeat.sessionId());
    }
    return cost;
  }

  private static CompletableFuture<SessionPage> track(Request request, List<Request> pending, int[] maxInFlight,
      boolean[] closed, int[] requestsAfterClose, int[] requestsMade) {
    if (closed[0]) {
      requestsAfterClose[0]++;
    }
    requestsMade[0]++;
    pending.add(request);
    // Counted when the request is made: those answered or cancelled are no longer in flight.
    maxInFlight[0] = Math.max(maxInFlight[0], (int) pending.stream().filter(q -> !q.future.isDone()).count());
    request.future.whenComplete((v, e) -> {
      if (request.future.isCancelled()) {
        pending.remove(request);
      }
    });
    return request.future;
  }
}
