package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One walk of a session tree in depth-first pre-order, pulled node by node without blocking.
 *
 * <p>Order comes from a stack of what remains to emit; speed from fetching the child lists of the nodes
 * nearest the top of that stack (the next ones in pre-order) ahead of the consumer, with every request of
 * the walk (root, child-list pages) sharing one {@link RequestLimiter}. Each session is emitted once: a
 * session met again (a cycle, or a child of two parents) is reported and not followed, so the walk ends.
 */
final class TreeWalk implements AsyncSource<SessionNode> {

  /** Marker on the stack: the children of {@code node} go here, once its child list has arrived. */
  private record Expand(SessionNode node) {}

  /** How far down the stack to look for child lists to fetch ahead. */
  private static final int LOOKAHEAD = 64;
  /** How many sessions discovered ahead of the consumer are remembered as candidates. */
  private static final int MAX_DISCOVERED = 4_096;

  private final String rootId;
  private final TreeOptions options;
  private final RequestLimiter limiter;
  private final Function<String, CompletableFuture<SessionSummary>> retrieveRoot;
  private final BiFunction<String, Integer, CompletableFuture<SessionPage>> listChildrenPage;

  private final Deque<Object> stack = new ArrayDeque<>();
  /**
   * Sessions known from child lists that arrived ahead of the consumer, nearest first: candidates for
   * fetching ahead once the stack's upcoming nodes are all covered. Bounded, so a lazy walk stays lazy.
   */
  private final Deque<SessionNode> discovered = new ArrayDeque<>();
  private final Map<String, CompletableFuture<List<SessionSummary>>> childLists = new HashMap<>();
  private final Set<String> emitted = new HashSet<>();
  private final List<RepeatedSession> repeats = new ArrayList<>();
  private @Nullable CompletableFuture<SessionSummary> rootFetch;
  private int listsInFlight;
  private boolean started;
  private boolean done;
  private boolean nodeLimitReached;
  private boolean depthLimitReached;

  TreeWalk(String rootId, TreeOptions options, Function<String, CompletableFuture<SessionSummary>> retrieveRoot,
      BiFunction<String, Integer, CompletableFuture<SessionPage>> listChildrenPage) {
    this.rootId = rootId;
    this.options = options;
    this.limiter = new RequestLimiter(options.concurrency());
    this.retrieveRoot = retrieveRoot;
    this.listChildrenPage = listChildrenPage;
  }

  @Override
  public synchronized CompletableFuture<@Nullable SessionNode> next() {
    if (done) {
      return CompletableFuture.completedFuture(null);
    }
    if (!started) {
      started = true;
      CompletableFuture<SessionSummary> root = limiter.submit(() -> retrieveRoot.apply(rootId));
      rootFetch = root;
      if (options.maxDepth() > 0) {
        // In parallel with the root itself: both need only the root's id (the placeholder summary is never
        // emitted; only its id and depth are used).
        childListOf(new SessionNode(new SessionSummary().id(rootId), 0, null));
      }
      return root.handle((summary, error) -> {
        if (error != null) {
          return this.<@Nullable SessionNode>fail(rootId, error);
        }
        synchronized (this) {
          return CompletableFuture.completedFuture(emit(new SessionNode(summary, 0, null)));
        }
      }).thenCompose(f -> f);
    }
    while (true) {
      Object top = stack.pollFirst();
      if (top == null) {
        finish();
        return CompletableFuture.completedFuture(null);
      }
      if (top instanceof Expand expand) {
        SessionNode parent = expand.node();
        return childListOf(parent).handle((children, error) -> {
          if (error != null) {
            return this.<@Nullable SessionNode>fail(parent.id(), error);
          }
          synchronized (this) {
            for (int i = children.size() - 1; i >= 0; i--) {
              stack.addFirst(new SessionNode(children.get(i), parent.depth() + 1, parent.id()));
            }
            prefetch();
          }
          return next();
        }).thenCompose(f -> f);
      }
      SessionNode node = (SessionNode) top;
      if (emitted.contains(node.id())) {
        RepeatedSession repeat = new RepeatedSession(node.id(), node.parentIdOrNull(), node.depth());
        repeats.add(repeat);
        options.onRepeat().accept(repeat);
        continue;
      }
      SessionNode result = emit(node);
      return CompletableFuture.completedFuture(result);
    }
  }

  /** Emits a node, or ends the walk when the node limit is reached. Called with the lock held. */
  private @Nullable SessionNode emit(SessionNode node) {
    if (done) {
      return null;
    }
    if (emitted.size() >= options.maxNodes()) {
      nodeLimitReached = true;
      finish();
      return null;
    }
    emitted.add(node.id());
    if (node.depth() < options.maxDepth()) {
      stack.addFirst(new Expand(node));
    } else {
      depthLimitReached = true;
    }
    prefetch();
    return node;
  }

  /**
   * Starts child lists while fewer than {@code concurrency} are running: first for the nodes next in
   * pre-order on the stack, then for sessions discovered in lists that arrived ahead of the consumer.
   */
  private void prefetch() {
    int budget = options.maxNodes() - emitted.size() - listsInFlight;
    Iterator<Object> upcoming = stack.iterator();
    for (int looked = 0; upcoming.hasNext() && looked < LOOKAHEAD && budget > 0; looked++) {
      if (listsInFlight >= options.concurrency()) {
        return;
      }
      Object entry = upcoming.next();
      if (entry instanceof SessionNode node && node.depth() < options.maxDepth() && !emitted.contains(node.id())) {
        budget--;
        childListOf(node);
      }
    }
    while (listsInFlight < options.concurrency() && budget > 0 && !discovered.isEmpty()) {
      SessionNode node = discovered.pollFirst();
      if (!childLists.containsKey(node.id()) && !emitted.contains(node.id())) {
        budget--;
        childListOf(node);
      }
    }
  }

  /** Remembers the children of a list that arrived, nearest first, as candidates for fetching ahead. */
  private void discover(SessionNode parent, List<SessionSummary> children) {
    if (parent.depth() + 1 >= options.maxDepth()) {
      return;
    }
    for (int i = children.size() - 1; i >= 0; i--) {
      discovered.addFirst(new SessionNode(children.get(i), parent.depth() + 1, parent.id()));
    }
    while (discovered.size() > MAX_DISCOVERED) {
      discovered.pollLast();
    }
  }

  /** The whole child list of a session, fetched once per id, every page through the shared limiter. */
  private synchronized CompletableFuture<List<SessionSummary>> childListOf(SessionNode node) {
    String id = node.id();
    CompletableFuture<List<SessionSummary>> existing = childLists.get(id);
    if (existing != null) {
      return existing;
    }
    listsInFlight++;
    PageWalk pages = new PageWalk(
        page -> limiter.submit(() -> listChildrenPage.apply(id, page)),
        // Most sessions have few children or none: no speculative pages beyond the first.
        1, SessionPager.DEFAULT_PAGE_SIZE, options.concurrency(), Long.MAX_VALUE, null, false);
    List<SessionSummary> children = new ArrayList<>();
    CompletableFuture<List<SessionSummary>> list =
        Futures.map(AsyncSources.forEach(pages, batch -> batch.fresh().iterator(), children::add), ignored -> children);
    childLists.put(id, list);
    list.whenComplete((value, error) -> {
      synchronized (this) {
        listsInFlight--;
        if (!done) {
          if (value != null) {
            discover(node, value);
          }
          prefetch();
        }
      }
    });
    return list;
  }

  private <T> CompletableFuture<T> fail(String sessionId, Throwable error) {
    close();
    Throwable cause = AsyncSources.unwrap(error);
    return CompletableFuture.failedFuture(
        cause instanceof SessionTreeException ? cause : new SessionTreeException(sessionId, cause));
  }

  private void finish() {
    done = true;
    if (rootFetch != null) {
      rootFetch.cancel(true);
    }
    childLists.values().forEach(list -> list.cancel(true));
  }

  @Override
  public synchronized void close() {
    finish();
  }

  synchronized List<RepeatedSession> repeats() {
    return List.copyOf(repeats);
  }

  synchronized boolean nodeLimitReached() {
    return nodeLimitReached;
  }

  synchronized boolean depthLimitReached() {
    return depthLimitReached;
  }
}
