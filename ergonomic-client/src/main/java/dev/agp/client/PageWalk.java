package dev.agp.client;

import dev.agp.client.errors.AgpPaginationException;
import dev.agp.client.errors.AgpPaginationException.Reason;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One walk over a listing sorted by creation time, pulled batch by batch without blocking: the engine
 * behind {@link SessionPager} and the child lists of tree walks. The contract it keeps is stated on
 * {@link SessionPager}; how it keeps it:
 *
 * <ul>
 *   <li><b>Exactly once.</b> Every request after the first is a {@link Window} that contains the position
 *       where the last session yielded (the {@link Frontier}) is expected. An answer counts only if it
 *       starts at or before the frontier (or at the head of the listing): then every session after the
 *       frontier up to the answer's last one is in the answer, whatever moved in between, and those are
 *       yielded. An answer that starts after the frontier means sessions moved toward the head (deletions):
 *       it yields nothing and the walk re-reads further back. Yielding only what is after the frontier, in
 *       order, means nothing is yielded twice.
 *   <li><b>A normal end only on evidence.</b> The walk ends normally only at an answer that counts, is
 *       shorter than its page size, and agrees with its own {@code total}: at that moment nothing followed
 *       the frontier. Everything else that stops a walk is an {@link AgpPaginationException}.
 *   <li><b>Always ends.</b> Requests are capped by a budget that scales with the listing as first seen (see
 *       {@link #REQUEST_BUDGET_FACTOR}); answers that contradict themselves or repeat stop the walk early.
 *   <li><b>Never hangs.</b> Every step runs in a {@link Drain} pass: no recursion, no lock, and any
 *       {@link Throwable} fails the pull that is waiting.
 * </ul>
 *
 * <p>Windows are planned ahead, assuming nothing moves, up to {@code concurrency} in flight; their answers
 * are used in listing order, whatever order they arrive in. When an answer shows that the listing moved,
 * the windows planned after it are cancelled and the plan starts again from what the answer showed.
 */
final class PageWalk implements AsyncSource<PageWalk.Batch> {

  /** Requests a page: {@code page} (from 1) of size {@code size}. */
  interface Fetcher {
    CompletableFuture<SessionPage> fetch(int page, int size);
  }

  /** The sessions an answer added, in listing order, with the answer they came from. */
  record Batch(SessionPage page, List<SessionSummary> fresh) {}

  /**
   * A walk may make this many times as many requests as the listing needed when first seen (its size, or
   * the limit if smaller, over the page size less the one session each request overlaps, plus one), then
   * {@link #REQUEST_BUDGET_SLACK} and one window more. A listing that grows by less than about half a page
   * per request fits; a server that grows forever, or ignores {@code page}, does not.
   */
  static final int REQUEST_BUDGET_FACTOR = 3;
  /** Requests every walk may make beyond the scaled budget, however short the listing. */
  static final int REQUEST_BUDGET_SLACK = 10;
  /**
   * How many answers in a row may contradict their own {@code total}, or repeat pages nothing explains,
   * before the walk stops: one is forgiven, since a server may count and list at slightly different moments.
   */
  static final int MAX_ANOMALIES_IN_A_ROW = 2;

  /** A window requested and not yet used. */
  private record Pending(Window window, long anchor, long expectedFresh, CompletableFuture<SessionPage> answer,
      boolean bridged) {
    Pending bridgedOnce() {
      return new Pending(window, anchor, expectedFresh, answer, true);
    }
  }

  private final Fetcher fetcher;
  private final int firstPage;
  private final int pageSize;
  private final int concurrency;
  private final long limit;
  private final boolean speculative;
  private final boolean prefetch;
  private final boolean newestFirst;
  private final Frontier frontier;
  private final Drain drain = new Drain(this::pass);

  /** Set by the consumer, taken by a pass. */
  private volatile @Nullable CompletableFuture<@Nullable Batch> pull;
  private volatile boolean closeRequested;
  /** Requests not yet answered, so that {@link #close()} cancels them at once, even while a pass runs elsewhere. */
  private final Set<CompletableFuture<SessionPage>> inFlight = ConcurrentHashMap.newKeySet();

  // Everything below is touched only inside Drain passes.
  private final Deque<Pending> pending = new ArrayDeque<>();
  private boolean ended;
  private @Nullable Throwable failure;
  /** The position the next planned window must contain; -1 plans the walk's first window. */
  private long nextAnchor = -1;
  /** Positions before the anchor that windows cover too, grown when deletions were seen. */
  private long margin;
  private long expectedFreshAhead;
  private long lastPlannedEnd;
  /** Where the frontier was last seen, and the listing's total at that moment; -1 until seen. */
  private long frontierPosition = -1;
  private long frontierTotal = -1;
  private long yielded;
  private long requests;
  private long pagesRead;
  private long budget = -1;
  private long firstTotal = -1;
  private long latestTotal = -1;
  private long lowestTotal = Long.MAX_VALUE;
  private long highestTotal = -1;
  private int inconsistentInARow;
  private int unexplainedInARow;
  private int gapsInARow;
  private long pagesWithNothingNew;
  private long reReads;

  /**
   * @param speculative request the first {@code concurrency} windows at once, before the first answer
   * @param prefetch request windows ahead of the consumer; when false, one window only when pulled (tree
   *     walks decide themselves which child lists to read ahead)
   */
  PageWalk(Fetcher fetcher, int firstPage, int pageSize, int concurrency, long limit, @Nullable SessionSort sort,
      boolean speculative, boolean prefetch) {
    this.fetcher = fetcher;
    this.prefetch = prefetch;
    this.firstPage = firstPage;
    this.pageSize = pageSize;
    this.concurrency = concurrency;
    this.limit = limit;
    this.speculative = speculative;
    this.newestFirst = sort != SessionSort.CREATED_AT_ASC;
    this.frontier = new Frontier(newestFirst);
  }

  /**
   * @return a future of the next batch of sessions, or of {@code null} at the end; it fails with the walk's
   *     failure. One pull at a time.
   */
  @Override
  public CompletableFuture<@Nullable Batch> next() {
    CompletableFuture<@Nullable Batch> result = new CompletableFuture<>();
    if (pull != null) {
      throw new IllegalStateException("a walk is pulled by one consumer, one batch at a time");
    }
    pull = result;
    drain.run();
    return result;
  }

  /** Stops the walk: cancels every request in flight; a waiting or later pull answers the end. Idempotent. */
  @Override
  public void close() {
    closeRequested = true;
    inFlight.forEach(answer -> answer.cancel(true));
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
      ended = true;
      cancelPending();
      deliverEnd();
    }
  }

  private void advance() {
    while (true) {
      if (closeRequested) {
        ended = true;
      }
      if (ended) {
        cancelPending();
        deliverEnd();
        return;
      }
      plan();
      if (closeRequested) {
        // Closed from another thread while planning: what it cancelled is no failure.
        continue;
      }
      CompletableFuture<@Nullable Batch> waiting = pull;
      Pending head = pending.peekFirst();
      if (waiting == null || head == null || !head.answer().isDone()) {
        return;
      }
      pending.pollFirst();
      Batch batch = use(head);
      RuntimeException stopped = null;
      if (!ended && prefetch) {
        // Request the next windows now, so that they travel while the consumer handles this batch.
        try {
          plan();
        } catch (RuntimeException e) {
          // Delivered on the next pull: the sessions of this batch were proven and counted as yielded.
          stopped = e;
        }
      }
      if (batch != null) {
        pull = null;
        waiting.complete(batch);
      }
      if (stopped != null) {
        throw stopped;
      }
    }
  }

  private void deliverEnd() {
    CompletableFuture<@Nullable Batch> waiting = pull;
    if (waiting != null) {
      pull = null;
      if (failure != null) {
        waiting.completeExceptionally(failure);
      } else {
        waiting.complete(null);
      }
    }
  }

  // ---- planning -------------------------------------------------------------------------------------------

  /** Requests windows ahead, within the concurrency, the known total, the limit and the budget. */
  private void plan() {
    if ((!prefetch && pull == null) || closeRequested) {
      // A close from another thread while this pass ran: the pass's next loop ends the walk.
      return;
    }
    while (!closeRequested && pending.size() < (prefetch ? concurrency : 1) && withinBudget() && worthPlanning()) {
      request();
    }
    if (pending.isEmpty() && !closeRequested) {
      // The walk needs another answer to go on (or to end on evidence).
      if (!withinBudget()) {
        throw budgetExhausted();
      }
      request();
    }
  }

  private AgpPaginationException budgetExhausted() {
    return stop(Reason.BUDGET_EXHAUSTED, String.format(Locale.ROOT,
        "the walk used its budget of %d requests (%d × the %d pages the listing needed when first seen, plus %d)",
        budget, REQUEST_BUDGET_FACTOR, pagesNeeded(firstTotal), REQUEST_BUDGET_SLACK + concurrency)
        + "; the listing changes faster than it can be paged through, or the server does not page consistently");
  }

  private boolean withinBudget() {
    return budget < 0 || requests < budget;
  }

  private boolean worthPlanning() {
    if (requests == 0) {
      return true;
    }
    if (yielded + expectedFreshAhead >= limit) {
      return false;
    }
    if (latestTotal < 0) {
      // Before the first answer reveals total: the first window of pages at once, when speculative.
      return speculative;
    }
    // Another window only if the last one planned is expected to be full.
    return lastPlannedEnd <= latestTotal;
  }

  private void request() {
    long anchor = nextAnchor;
    Window window = anchor < 0
        ? new Window(firstPage, pageSize)
        // The session before the frontier too: an answer counts only if it starts before the frontier's instant.
        : Window.containing(anchor, margin + Math.max(1, frontier.yieldedAtInstant()), pageSize);
    nextAnchor = window.end() - 1;
    lastPlannedEnd = window.end();
    issue(window, anchor, false);
  }

  private CompletableFuture<SessionPage> send(Window window) {
    try {
      return fetcher.fetch(window.page(), window.size());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Sends a window's request, after the windows in flight or (a re-read) before them. */
  private void issue(Window window, long anchor, boolean first) {
    long expectedFresh = anchor < 0 ? window.size() : Math.max(0, window.end() - 1 - anchor);
    requests++;
    CompletableFuture<SessionPage> answer = send(window);
    Pending sent = new Pending(window, anchor, expectedFresh, answer, false);
    if (first) {
      pending.addFirst(sent);
    } else {
      pending.addLast(sent);
    }
    expectedFreshAhead += expectedFresh;
    inFlight.add(answer);
    answer.whenComplete((value, error) -> {
      inFlight.remove(answer);
      drain.run();
    });
  }

  /**
   * Cancels the windows planned so far and plans again from {@code anchor} (from the walk's first window
   * while nothing was yielded).
   */
  private void replan(long anchor) {
    cancelPending();
    nextAnchor = frontier.isEmpty() ? -1 : Math.max(0, anchor);
  }

  private void cancelPending() {
    for (Pending p : pending) {
      p.answer().cancel(true);
    }
    pending.clear();
    expectedFreshAhead = 0;
  }

  // ---- using an answer --------------------------------------------------------------------------------------

  private @Nullable Batch use(Pending p) {
    expectedFreshAhead -= p.expectedFresh();
    SessionPage page;
    try {
      page = p.answer().join();
    } catch (CompletionException | CancellationException e) {
      if (!closeRequested) {
        failure = AsyncSources.unwrap(e);
      }
      ended = true;
      cancelPending();
      return null;
    }
    pagesRead++;
    Window window = p.window();
    List<SessionSummary> items = page.items();
    long total = page.total();
    checkShape(window, items, total);
    noteTotal(total);

    boolean full = items.size() == window.size();
    boolean agrees = full ? window.end() <= total : window.start() + items.size() >= total;
    inconsistentInARow = agrees ? 0 : inconsistentInARow + 1;
    if (inconsistentInARow >= MAX_ANOMALIES_IN_A_ROW) {
      throw stop(Reason.INCONSISTENT_TOTAL, String.format(Locale.ROOT,
          "page %d (size %d) held %d sessions while its total said %d, after a previous answer that disagreed too",
          window.page(), window.size(), items.size(), total));
    }

    boolean counts = frontier.isEmpty()
        ? window.start() <= (long) (firstPage - 1) * pageSize
        : window.start() == 0 || (!items.isEmpty() && frontier.isReachedBy(items.get(0)));
    if (!counts) {
      stepBack(p, total);
      return null;
    }
    gapsInARow = 0;

    List<SessionSummary> fresh = new ArrayList<>();
    for (SessionSummary item : items) {
      if (yielded + fresh.size() >= limit) {
        break;
      }
      if (frontier.isAfter(item)) {
        fresh.add(item);
        frontier.advanceTo(item);
      }
    }
    yielded += fresh.size();
    locateFrontier(window, items, total);
    Batch batch = fresh.isEmpty() ? null : new Batch(page, List.copyOf(fresh));
    if (fresh.isEmpty()) {
      pagesWithNothingNew++;
    }

    if (yielded < limit && !full && agrees && total < highestTotal / 2 && highestTotal - total > pageSize) {
      // An end that contradicts what the walk saw before: more than half of the listing vanished.
      throw stop(Reason.LISTING_SHRANK, String.format(Locale.ROOT,
          "page %d says the listing ends at %d sessions, though it held %d during the walk: more than half of it "
              + "disappeared, and the walk cannot tell whether sessions were deleted or the server answers "
              + "inconsistently", window.page(), total, highestTotal));
    }
    if (yielded >= limit || (!full && agrees)) {
      // The limit, or evidence: an answer that counts, is short, and agrees with its total.
      ended = true;
      cancelPending();
      return batch;
    }
    if (items.isEmpty()) {
      // Nothing yielded yet and an empty first window that its total contradicts: ask again.
      replan(-1);
      return batch;
    }
    if (!full) {
      // Short, but its total says more follow: go on from its last session.
      replan(window.start() + items.size() - 1);
      return batch;
    }
    SessionSummary last = items.get(items.size() - 1);
    if (fresh.isEmpty() && !last.getId().equals(frontier.lastId())) {
      stall(window, total);
    } else {
      unexplainedInARow = 0;
    }
    return batch;
  }

  /**
   * A full answer that counts but ends before the frontier: sessions were inserted before it. If the total
   * grew enough to explain that, jump to where the frontier should now be. If the window ends at or before
   * where the frontier was seen, a bridge carried the frontier past it: nothing new was expected. Otherwise
   * the server repeated itself, which is forgiven once.
   */
  private void stall(Window window, long total) {
    long moved = window.end() - frontierPosition;
    long grown = total - frontierTotal;
    if (frontierPosition >= 0 && grown >= moved) {
      unexplainedInARow = 0;
      // Windows in flight that end before where the frontier should now be cannot reach it: drop them, keep
      // the others, and plan on from there.
      long expected = frontierPosition + grown;
      pending.removeIf(p -> {
        boolean behind = p.window().end() - 1 < expected;
        if (behind) {
          p.answer().cancel(true);
          expectedFreshAhead -= p.expectedFresh();
        }
        return behind;
      });
      nextAnchor = pending.isEmpty() ? expected : Math.max(nextAnchor, expected);
      return;
    }
    if (frontierPosition >= 0 && window.end() - 1 <= frontierPosition) {
      // The window ends at or before where the frontier was seen: planned before a bridge carried the frontier
      // past it, it was never expected to bring anything new. Its total, from an answer served before the one
      // that showed the frontier there (or before sessions went away), says nothing about where the frontier
      // is now, and nothing of a server that repeats pages: no anomaly, and the plan goes on.
      return;
    }
    unexplainedInARow++;
    if (unexplainedInARow >= MAX_ANOMALIES_IN_A_ROW) {
      throw stop(Reason.REPEATED_PAGES, String.format(Locale.ROOT,
          "page %d (size %d) held only sessions already yielded, as did the answer before it, while the total "
              + "grew by %d: the server seems to repeat pages (does it ignore the page parameter?)",
          window.page(), window.size(), Math.max(0, grown)));
    }
  }

  /**
   * An answer that starts after the frontier: sessions moved toward the head (deletions, or this answer was
   * served before the previous one while the listing grows at the head), so some may sit between the
   * frontier and this answer. The answer is kept, and a bridge is requested before it: a window from where
   * the frontier may now be to where this answer starts. Once the bridge has carried the frontier to the
   * answer's first session, the answer counts. Windows overlap further back from now on. An empty answer
   * cannot be bridged: the walk plans again from where the frontier should be.
   */
  private void stepBack(Pending p, long total) {
    reReads++;
    gapsInARow++;
    Window window = p.window();
    long shrunk = frontierTotal < 0 ? 0 : Math.max(0, frontierTotal - total);
    margin = Math.min(Math.max(1, pageSize / 2), Math.max(margin, shrunk + 1));
    if (frontier.isEmpty()) {
      replan(-1);
      return;
    }
    // Where the frontier should be now, further back each time in a row; windows then reach back from there
    // by the margin and past the sessions of the frontier's instant.
    long expected = frontierPosition < 0 ? window.start() - 1 : frontierPosition - shrunk;
    if (gapsInARow > 1) {
      expected -= (long) pageSize << Math.min(20, gapsInARow - 2);
    }
    expected = Math.max(0, expected);
    if (p.answer().join().items().isEmpty() || p.bridged()) {
      // Nothing to keep, or a bridge did not make it count (it starts inside the frontier's instant): read
      // again from the frontier.
      replan(expected);
      return;
    }
    long from = Math.max(0, expected - margin - Math.max(1, frontier.yieldedAtInstant()));
    if (!withinBudget()) {
      throw budgetExhausted();
    }
    long to = window.start() + Math.max(0, highestTotal - total);
    pending.addFirst(p.bridgedOnce());
    expectedFreshAhead += p.expectedFresh();
    issue(Window.containing(to, to - from, pageSize), from, true);
  }

  /** Records where the frontier sits in this answer, if it is there. */
  private void locateFrontier(Window window, List<SessionSummary> items, long total) {
    String lastId = frontier.lastId();
    for (int i = items.size() - 1; i >= 0; i--) {
      if (items.get(i).getId().equals(lastId)) {
        frontierPosition = window.start() + i;
        frontierTotal = total;
        return;
      }
    }
  }

  /** Rejects answers that break the API's contract in ways no moving listing explains. */
  private void checkShape(Window window, List<SessionSummary> items, long total) {
    if (total < 0) {
      throw stop(Reason.NEGATIVE_TOTAL, String.format(Locale.ROOT, "page %d reported a total of %d", window.page(), total));
    }
    if (items.size() > window.size()) {
      throw stop(Reason.OVERSIZED_PAGE, String.format(Locale.ROOT,
          "page %d held %d sessions, more than the %d asked for", window.page(), items.size(), window.size()));
    }
    Set<String> ids = new HashSet<>();
    OffsetDateTime previous = null;
    for (SessionSummary item : items) {
      if (!ids.add(item.getId())) {
        throw stop(Reason.REPEATED_IDS, String.format(Locale.ROOT,
            "page %d (size %d, total %d) lists session %s more than once", window.page(), window.size(), total,
            item.getId()));
      }
      OffsetDateTime created = item.getCreatedAt();
      if (created == null) {
        throw stop(Reason.UNORDERED_PAGE, String.format(Locale.ROOT,
            "session %s on page %d has no created_at, so the walk cannot order it", item.getId(), window.page()));
      }
      if (previous != null && (newestFirst ? created.isAfter(previous) : created.isBefore(previous))) {
        throw stop(Reason.UNORDERED_PAGE, String.format(Locale.ROOT,
            "page %d is not sorted %s: session %s was created at %s, after its predecessor's %s", window.page(),
            newestFirst ? "newest first" : "oldest first", item.getId(), created, previous));
      }
      previous = created;
    }
  }

  private void noteTotal(long total) {
    if (firstTotal < 0) {
      firstTotal = total;
      budget = REQUEST_BUDGET_FACTOR * pagesNeeded(total) + REQUEST_BUDGET_SLACK + concurrency;
    }
    latestTotal = total;
    lowestTotal = Math.min(lowestTotal, total);
    highestTotal = Math.max(highestTotal, total);
  }

  /** The requests a still listing of {@code total} sessions needs, given the start and the limit. */
  private long pagesNeeded(long total) {
    long span = Math.min(limit, Math.max(0, total - (long) (firstPage - 1) * pageSize));
    return ceilDiv(span, Math.max(1, pageSize - 1)) + 1;
  }

  private AgpPaginationException stop(Reason reason, String what) {
    String totals = firstTotal < 0 ? "" : String.format(Locale.ROOT,
        "; totals seen: first %d, last %d, lowest %d, highest %d", firstTotal, latestTotal, lowestTotal, highestTotal);
    return new AgpPaginationException(reason, String.format(Locale.ROOT,
        "The listing could not be walked to its end: %s. Stopped after %s and %s read, with %s yielded (each "
            + "once)%s; %s brought nothing new, %s re-read after the listing shrank.",
        what, count(requests, "request"), count(pagesRead, "page"), count(yielded, "session"), totals,
        count(pagesWithNothingNew, "page"), count(reReads, "range")), pagesRead, yielded);
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Rounds up without overflowing, even for {@code Long.MAX_VALUE}. */
  static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : a / b + (a % b == 0 ? 0 : 1);
  }
}
