package dev.agp.client;

import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * One walk over a listing, page by page: prefetch within a bounded window, de-duplication, drift repair and
 * defensive stopping. Non-blocking: {@link #next()} returns a future of the next batch of new sessions.
 *
 * <p>Only one {@link #next()} may be outstanding at a time (the single consumer's pull); the methods that
 * touch state are synchronized because completions arrive on HTTP threads.
 */
final class PageWalk implements AsyncSource<PageWalk.Batch> {

  /** The next batch of sessions, with the page it came from; {@code null} future value means the end. */
  record Batch(SessionPage page, List<SessionSummary> fresh) {}

  private final IntFunction<CompletableFuture<SessionPage>> fetch;
  private final int pageSize;
  private final int concurrency;
  private final long limit;
  private final boolean speculative;
  private final Seen seen;

  /** Pages requested but not yet consumed, by page number; never more than {@link #concurrency}. */
  private final Map<Integer, CompletableFuture<SessionPage>> window = new TreeMap<>();

  private int nextPage;
  private @Nullable Long referenceTotal;
  private long latestTotal = -1;
  private long yielded;
  private int repairs;
  private long productiveTotal = -1;
  private int unproductivePages;
  private int unproductiveBudget = Integer.MAX_VALUE;
  private int catchUpBefore;
  private int repairBudget;
  private boolean done;

  PageWalk(IntFunction<CompletableFuture<SessionPage>> fetch, int firstPage, int pageSize, int concurrency, long limit,
      @Nullable SessionSort sort, boolean speculative) {
    this.fetch = fetch;
    this.speculative = speculative;
    this.nextPage = firstPage;
    this.pageSize = pageSize;
    this.concurrency = concurrency;
    this.limit = limit;
    this.seen = new Seen(sort != SessionSort.CREATED_AT_ASC);
  }

  /** @return a future of the next batch, or of {@code null} at the end */
  @Override
  public synchronized CompletableFuture<@Nullable Batch> next() {
    if (done || yielded >= limit) {
      finish();
      return CompletableFuture.completedFuture(null);
    }
    if (latestTotal >= 0 && !morePagesExpected()) {
      finish();
      return CompletableFuture.completedFuture(null);
    }
    fillWindow();
    int page = nextPage;
    CompletableFuture<SessionPage> response = window.remove(page);
    if (response == null) {
      // Only reachable when the plan says "no more" yet an extension is needed; fetch on demand.
      response = fetch.apply(page);
    }
    return response.handle((result, error) -> {
      if (error != null) {
        close();
        return CompletableFuture.<@Nullable Batch>failedFuture(error);
      }
      return accept(page, result);
    }).thenCompose(f -> f);
  }

  /** Cancels every request in flight; later {@link #next()} calls answer the end. Idempotent. */
  @Override
  public synchronized void close() {
    finish();
  }

  private void finish() {
    done = true;
    cancelWindow();
  }

  private boolean morePagesExpected() {
    return (long) (nextPage - 1) * pageSize < latestTotal;
  }

  /** Requests pages ahead of the consumer, within the window, the known total and the limit. */
  private void fillWindow() {
    long lastByLimit = (nextPage - 1) + ceilDiv(limit - yielded, pageSize);
    long last;
    if (latestTotal >= 0) {
      last = Math.min(ceilDiv(latestTotal, pageSize), lastByLimit);
    } else if (speculative) {
      // Before the first page reveals total, the first window is requested at once: a round trip saved
      // on long listings, at the cost of pages that come back empty on listings shorter than the window.
      last = lastByLimit;
    } else {
      last = nextPage;
    }
    for (int page = nextPage; page < nextPage + concurrency && page <= last; page++) {
      window.computeIfAbsent(page, fetch::apply);
    }
  }

  private CompletableFuture<@Nullable Batch> accept(int page, SessionPage response) {
    synchronized (this) {
      if (done) {
        return CompletableFuture.completedFuture(null);
      }
      long total = response.total();
      if (total < 0 || response.items().isEmpty() || yielded > total) {
        // A negative total, an empty page, or a total below what was already yielded: the server is
        // misbehaving or the listing shrank under us. Stop rather than guess.
        finish();
        return CompletableFuture.completedFuture(null);
      }
      boolean drifted = referenceTotal != null && total != referenceTotal;
      if (drifted && repairs < repairBudget) {
        repairs++;
        long delta = total - referenceTotal;
        // Deletions shift sessions toward earlier pages: re-read far enough back to cover the shift.
        // Insertions shift them toward later pages: re-reading this page in the new state suffices.
        int back = delta < 0 ? (int) Math.min(Integer.MAX_VALUE, ceilDiv(-delta, pageSize)) : 0;
        cancelWindow();
        // Pages before this one are re-read to fill a gap: most of what they hold was yielded already.
        catchUpBefore = Math.max(catchUpBefore, page);
        nextPage = Math.max(1, page - back);
        referenceTotal = null;
        latestTotal = total;
        // Fall through to next() outside the lock.
      } else {
        List<SessionSummary> fresh = seen.keepNew(response.items());
        if (productiveTotal < 0) {
          productiveTotal = total;
        }
        if (fresh.isEmpty()) {
          // Pages with nothing new are expected while re-reading after a repair, and while catching up with
          // sessions inserted since the last page that had something new (at most one page per page size of
          // growth). Beyond that the server is repeating itself, for example ignoring the page parameter.
          unproductivePages++;
          unproductiveBudget--;
          long growth = Math.max(0, total - productiveTotal);
          boolean explained = page < catchUpBefore || (long) (unproductivePages - 1) * pageSize < growth;
          if (!explained || unproductiveBudget < 0) {
            finish();
            return CompletableFuture.completedFuture(null);
          }
        } else {
          unproductivePages = 0;
          productiveTotal = total;
        }
        if (fresh.size() > limit - yielded) {
          fresh = new ArrayList<>(fresh.subList(0, (int) (limit - yielded)));
        }
        yielded += fresh.size();
        referenceTotal = total;
        latestTotal = total;
        if (repairBudget == 0) {
          // Both budgets scale with the listing as first seen, so that a walk always ends.
          repairBudget = (int) Math.min(1_000, 2 * ceilDiv(total, pageSize) + 10);
          unproductiveBudget = repairBudget;
        }
        nextPage = page + 1;
        if (yielded >= limit || !morePagesExpected()) {
          finish();
        } else {
          // Request the following pages now, so that they arrive while the consumer handles this one.
          fillWindow();
        }
        return CompletableFuture.completedFuture(new Batch(response, fresh));
      }
    }
    return next();
  }

  private void cancelWindow() {
    window.values().forEach(f -> f.cancel(true));
    window.clear();
  }

  /** Rounds up without overflowing, even for {@code Long.MAX_VALUE} (an unlimited walk). */
  static long ceilDiv(long a, long b) {
    return a <= 0 ? 0 : a / b + (a % b == 0 ? 0 : 1);
  }

  /**
   * Remembers what was yielded, with memory that does not grow with the listing. Under a sort by creation
   * time, everything yielded so far is at least as new (newest-first) or as old (oldest-first) as the
   * watermark, the creation time of the last session yielded; so a session beyond the watermark was either
   * yielded already or created during the walk, and only the ids at the watermark itself need remembering.
   * A session without a creation time falls back to an id set.
   */
  static final class Seen {
    private final boolean newestFirst;
    private @Nullable OffsetDateTime watermark;
    private final Set<String> atWatermark = new HashSet<>();
    private final Set<String> withoutTime = new HashSet<>();

    Seen(boolean newestFirst) {
      this.newestFirst = newestFirst;
    }

    List<SessionSummary> keepNew(List<SessionSummary> items) {
      List<SessionSummary> fresh = new ArrayList<>(items.size());
      for (SessionSummary item : items) {
        if (isNew(item)) {
          fresh.add(item);
        }
      }
      return fresh;
    }

    private boolean isNew(SessionSummary item) {
      OffsetDateTime created = item.getCreatedAt();
      if (created == null) {
        return withoutTime.add(item.getId());
      }
      if (watermark == null) {
        watermark = created;
        atWatermark.add(item.getId());
        return true;
      }
      int order = created.compareTo(watermark);
      boolean beyond = newestFirst ? order > 0 : order < 0;
      if (beyond) {
        return false;
      }
      if (order == 0) {
        return atWatermark.add(item.getId());
      }
      watermark = created;
      atWatermark.clear();
      atWatermark.add(item.getId());
      return true;
    }
  }

}
