package dev.agp.client;

import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.SessionTreeException;
import dev.agp.generated.model.SessionSummary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One walk of a session tree in depth-first pre-order, pulled node by node without blocking: the engine
 * behind {@link SessionService#tree}, {@link SessionService#treeAsync} and
 * {@link SessionService#descendants}. The contract it keeps is stated on {@link SessionTree}.
 *
 * <p>Order comes from a stack of frames, one per session whose children are being emitted, each reading
 * its child list lazily through a {@link PageWalk} (so each child list is exact while it moves). Speed
 * comes from reading ahead: the first page of the child lists of the next sessions in pre-order (at most
 * {@link TreeOptions#concurrency()} of those requests in flight, and a few times as many lists started for
 * sessions not yet emitted), and the next page of the list being emitted when few children are left in hand. Every request of the walk goes through one
 * {@link RequestLimiter}. All state changes in {@link Drain} passes: no recursion, no lock, and any
 * {@link Throwable} fails the pull that is waiting.
 */
final class TreeWalk implements AsyncSource<SessionNode> {

  /** Fetches one page of a session's child list: parent id, page, size. */
  interface ChildPages {
    CompletableFuture<SessionPage> fetch(String parentId, int page, int size);
  }

  /** How many known upcoming sessions to look through for child lists worth reading ahead. */
  private static final int LOOKAHEAD = 64;
  /**
   * Child lists started ahead for sessions not yet emitted, at most, per unit of concurrency. Siblings read
   * ahead wait while the subtree before them is walked; this bounds them (and what a walk closed early
   * wasted) while keeping {@code concurrency} requests in flight on bushy trees.
   */
  static final int LISTS_AHEAD_PER_REQUEST = 4;

  /** A session's child list being read: the children in hand, and the pull in flight if any. */
  private static final class Frame {
    final String id;
    final PageWalk children;
    final Deque<SessionSummary> inHand = new ArrayDeque<>();
    @Nullable SessionNode node;
    @Nullable CompletableFuture<PageWalk.@Nullable Batch> pulling;
    boolean exhausted;

    Frame(String id, PageWalk children) {
      this.id = id;
      this.children = children;
    }
  }

  private final String rootId;
  /** The root's id as the walk compares ids: see {@link #key}. */
  private final String rootKey;
  private final TreeOptions options;
  private final RequestLimiter limiter;
  private final Function<String, CompletableFuture<SessionSummary>> retrieveRoot;
  private final ChildPages childPages;
  private final Drain drain = new Drain(this::pass);

  private volatile @Nullable CompletableFuture<@Nullable SessionNode> pull;
  private volatile boolean closeRequested;
  /** Child lists not yet ended, so that {@link #close()} stops them at once, even while a pass runs elsewhere. */
  private final Set<PageWalk> openLists = ConcurrentHashMap.newKeySet();
  private volatile @Nullable CompletableFuture<SessionSummary> rootRequest;

  // Everything below is touched only inside Drain passes.
  private final Deque<Frame> stack = new ArrayDeque<>();
  /** Child lists started ahead for sessions not yet emitted, by id. */
  private final Map<String, Frame> ahead = new HashMap<>();
  private final Set<String> emitted = new HashSet<>();
  private final List<RepeatedSession> repeats = new ArrayList<>();
  private @Nullable CompletableFuture<SessionSummary> rootFetch;
  private @Nullable Frame rootFrame;
  private boolean started;
  private boolean ended;
  private @Nullable Throwable failure;
  private volatile boolean nodeLimitReached;
  private volatile boolean depthLimitReached;

  TreeWalk(String rootId, TreeOptions options, Function<String, CompletableFuture<SessionSummary>> retrieveRoot,
      ChildPages childPages) {
    this.rootId = rootId;
    this.rootKey = key(rootId);
    this.options = options;
    this.limiter = new RequestLimiter(options.concurrency());
    this.retrieveRoot = retrieveRoot;
    this.childPages = childPages;
  }

  @Override
  public CompletableFuture<@Nullable SessionNode> next() {
    CompletableFuture<@Nullable SessionNode> result = new CompletableFuture<>();
    if (pull != null) {
      throw new IllegalStateException("a walk is pulled by one consumer, one node at a time");
    }
    pull = result;
    drain.run();
    return result;
  }

  @Override
  public void close() {
    closeRequested = true;
    limiter.close();
    CompletableFuture<SessionSummary> root = rootRequest;
    if (root != null) {
      root.cancel(true);
    }
    openLists.forEach(PageWalk::close);
    drain.run();
  }

  private void pass() {
    try {
      advance();
    } catch (Throwable t) {
      // What a close from another thread cancelled mid-pass is no failure: a closed walk ends.
      if (failure == null && !closeRequested) {
        failure = t;
      }
      end();
      deliver(null);
    }
  }

  private void advance() {
    while (true) {
      if (closeRequested && !ended) {
        end();
      }
      if (ended) {
        deliver(null);
        return;
      }
      if (pull == null) {
        readAhead();
        return;
      }
      if (!started) {
        start();
      }
      SessionNode node = nextNode();
      if (node == null) {
        if (!ended) {
          readAhead();
          return;
        }
        continue;
      }
      deliver(node);
    }
  }

  /** Requests the root and, in parallel, the first page of its child list. */
  private void start() {
    started = true;
    rootFetch = limiter.submit(() -> retrieveRoot.apply(rootId));
    rootRequest = rootFetch;
    rootFetch.whenComplete((value, error) -> drain.run());
    if (options.maxDepth() > 0) {
      rootFrame = newFrame(rootId);
      pullMore(rootFrame);
    }
  }

  /**
   * Session ids are UUIDs, which compare without regard to case: a root asked for in upper case is the
   * session the server names in lower case.
   */
  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  /**
   * The next node in pre-order, or null when it is not known yet (a pass follows when it may be) or the walk
   * ended.
   */
  private @Nullable SessionNode nextNode() {
    if (!emitted.contains(rootKey)) {
      CompletableFuture<SessionSummary> root = rootFetch;
      if (root == null || !root.isDone()) {
        return null;
      }
      SessionSummary summary = take(root, rootId);
      if (!rootKey.equals(key(summary.getId()))) {
        // Emitting it would never mark the root as emitted: the walk would ask for it forever.
        throw new SessionTreeException(rootId, new AgpDecodingException("getSession (GET /api/v2/sessions/" + rootId + ")",
            "the answer is session " + summary.getId() + ", not the session asked for", "", null));
      }
      return emit(summary, 0, null, rootFrame);
    }
    while (true) {
      Frame top = stack.peekFirst();
      if (top == null) {
        end();
        return null;
      }
      SessionSummary child = top.inHand.pollFirst();
      if (child != null) {
        SessionNode parent = top.node;
        int depth = parent.depth() + 1;
        if (emitted.contains(key(child.getId()))) {
          RepeatedSession repeat = new RepeatedSession(child.getId(), parent.id(), depth);
          repeats.add(repeat);
          options.onRepeat().accept(repeat);
          continue;
        }
        Frame frame = depth < options.maxDepth() ? ahead.remove(key(child.getId())) : null;
        if (frame == null && depth < options.maxDepth()) {
          frame = newFrame(child.getId());
        }
        return emit(child, depth, parent.id(), frame);
      }
      if (top.exhausted) {
        stack.pollFirst();
        continue;
      }
      if (!takeBatch(top)) {
        pullMore(top);
        return null;
      }
    }
  }

  /** Emits a node, or ends the walk at the node limit. */
  private @Nullable SessionNode emit(SessionSummary summary, int depth, @Nullable String parentId,
      @Nullable Frame frame) {
    if (emitted.size() >= options.maxNodes()) {
      nodeLimitReached = true;
      end();
      options.onNodeLimit().accept(options.maxNodes());
      return null;
    }
    emitted.add(key(summary.getId()));
    Frame readAhead = ahead.remove(key(summary.getId()));
    if (readAhead != null && readAhead != frame) {
      readAhead.children.close();
      openLists.remove(readAhead.children);
    }
    SessionNode node = new SessionNode(summary, depth, parentId);
    if (frame != null) {
      frame.node = node;
      stack.addFirst(frame);
      if (frame.inHand.isEmpty()) {
        // A list read ahead may have its first page in hand already; the next page waits until needed.
        pullMore(frame);
      }
    } else if (depth >= options.maxDepth()) {
      depthLimitReached = true;
    }
    return node;
  }

  /** Moves a pulled batch into the frame's hand; false if none has arrived yet. */
  private boolean takeBatch(Frame frame) {
    CompletableFuture<PageWalk.@Nullable Batch> pulled = frame.pulling;
    if (pulled == null || !pulled.isDone()) {
      return false;
    }
    frame.pulling = null;
    PageWalk.Batch batch = take(pulled, frame.id);
    if (batch == null) {
      frame.exhausted = true;
      openLists.remove(frame.children);
    } else {
      frame.inHand.addAll(batch.fresh());
    }
    return true;
  }

  /** Pulls the next batch of a frame's child list unless one is in flight or the list ended. */
  private void pullMore(Frame frame) {
    if (frame.pulling == null && !frame.exhausted) {
      CompletableFuture<PageWalk.@Nullable Batch> pulled = frame.children.next();
      frame.pulling = pulled;
      pulled.whenComplete((value, error) -> drain.run());
    }
  }

  private Frame newFrame(String id) {
    PageWalk children = new PageWalk(
        (page, size) -> limiter.submit(() -> childPages.fetch(id, page, size)),
        1, SessionPager.DEFAULT_PAGE_SIZE, 1, Long.MAX_VALUE, null, false, false);
    openLists.add(children);
    if (closeRequested) {
      children.close();
    }
    return new Frame(id, children);
  }

  /**
   * Reads ahead: the next page of the list being emitted when fewer than {@code concurrency} children are in
   * hand, and the first page of the child lists of the next sessions in pre-order, with at most
   * {@code concurrency} such requests in flight and {@link #LISTS_AHEAD_PER_REQUEST} {@code × concurrency}
   * lists started for sessions not yet emitted.
   */
  private void readAhead() {
    Frame top = stack.peekFirst();
    if (top == null) {
      return;
    }
    if (top.inHand.size() < options.concurrency()) {
      takeBatch(top);
      if (top.inHand.size() < options.concurrency()) {
        pullMore(top);
      }
    }
    // Upcoming sessions in pre-order: the children in hand of each frame from the top down, and before a
    // candidate's later siblings, the children of its list read ahead. Frames are visited lazily and count
    // as looked at, so a deep stack costs no more than LOOKAHEAD steps per pass.
    int looked = 0;
    Set<String> seen = new HashSet<>();
    Iterator<Frame> frames = stack.iterator();
    Deque<Iterator<SessionSummary>> upcoming = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    long inFlight = ahead.values().stream().filter(f -> f.pulling != null && !f.pulling.isDone()).count();
    while (looked < LOOKAHEAD && inFlight < options.concurrency()
        && ahead.size() < LISTS_AHEAD_PER_REQUEST * options.concurrency()
        && emitted.size() + ahead.size() < options.maxNodes()) {
      if (upcoming.isEmpty()) {
        if (!frames.hasNext()) {
          return;
        }
        Frame frame = frames.next();
        looked++;
        upcoming.addLast(frame.inHand.iterator());
        depths.addLast(frame.node.depth() + 1);
        continue;
      }
      Iterator<SessionSummary> siblings = upcoming.peekFirst();
      int depth = depths.peekFirst();
      if (!siblings.hasNext()) {
        upcoming.pollFirst();
        depths.pollFirst();
        continue;
      }
      SessionSummary candidate = siblings.next();
      looked++;
      if (depth >= options.maxDepth() || emitted.contains(key(candidate.getId())) || !seen.add(key(candidate.getId()))) {
        continue;
      }
      Frame known = ahead.get(key(candidate.getId()));
      if (known == null) {
        known = newFrame(candidate.getId());
        ahead.put(key(candidate.getId()), known);
        pullMore(known);
        inFlight++;
      } else {
        takeBatch(known);
        // Its children come next in pre-order, before the candidate's remaining siblings.
        upcoming.addFirst(known.inHand.iterator());
        depths.addFirst(depth + 1);
      }
    }
  }

  private <T> @Nullable T take(CompletableFuture<T> future, String sessionId) {
    try {
      return future.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = AsyncSources.unwrap(e);
      throw cause instanceof SessionTreeException tree ? tree : new SessionTreeException(sessionId, cause);
    }
  }

  private void end() {
    ended = true;
    limiter.close();
    CompletableFuture<SessionSummary> root = rootFetch;
    if (root != null) {
      root.cancel(true);
    }
    // Every child list not yet exhausted is open, whether on the stack, read ahead or the root's.
    openLists.forEach(PageWalk::close);
  }

  private void deliver(@Nullable SessionNode node) {
    CompletableFuture<@Nullable SessionNode> waiting = pull;
    if (waiting == null) {
      return;
    }
    pull = null;
    if (node == null && failure != null) {
      waiting.completeExceptionally(failure);
    } else {
      waiting.complete(node);
    }
  }

  /** @return the sessions met again; read it once the walk has ended */
  List<RepeatedSession> repeats() {
    return List.copyOf(repeats);
  }

  boolean nodeLimitReached() {
    return nodeLimitReached;
  }

  boolean depthLimitReached() {
    return depthLimitReached;
  }
}
