package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A lazy auto-pager over every session matching a query, from
 * {@link SessionService#listAll(SessionQuery)}. Immutable: {@link #concurrency(int)} and
 * {@link #limit(long)} return configured copies, and each iteration is a fresh walk.
 *
 * <pre>{@code
 * try (Stream<SessionSummary> all = client.sessions().listAll(query).stream()) {
 *   all.filter(s -> s.getStatus() == LifecycleStatus.FAILED).forEach(System.out::println);
 * }
 * }</pre>
 *
 * <h2>Laziness and memory</h2>
 * Nothing is requested until iteration starts. Pages are requested ahead of the consumer within a window of
 * {@link #concurrency()} pages, so memory stays bounded by a few pages however many sessions there are.
 * The page size defaults to 100, the live server's cap; a query's own {@link SessionQuery#pageSize()} wins.
 *
 * <h2>Speed</h2>
 * Pages are fetched with up to {@link #concurrency()} requests in flight (default 4; 1 is strictly
 * sequential), while sessions are still handed over in listing order. For {@code listAll}, the first
 * window of pages is requested at once, before page 1 reveals {@code total}: this saves a round trip on
 * long listings, and costs up to {@code concurrency - 1} requests that come back empty on a listing shorter
 * than the window (never beyond a {@link #limit(long)}). Child lists ({@code children}) start with page 1
 * alone, since most sessions have few children.
 *
 * <h2>Correctness while the data moves</h2>
 * Guarantee: under a sort by creation time (both orders), every session that exists for the whole walk and
 * matches the query is yielded exactly once, provided that each change to the listing also changes its
 * {@code total}. The pager de-duplicates by id (remembering, thanks to the sort, only the ids at the
 * creation time of the last session yielded, so memory does not grow with the listing); notices when
 * {@code total} differs between two consecutive pages and repairs the range by re-reading from the first
 * page whose boundary may have moved; and keeps going past the originally computed last page while the
 * latest {@code total} says more exist. Limits: sessions created during the walk may or may not be yielded;
 * an insertion and a deletion between the same two responses leave {@code total} unchanged and cannot be
 * seen; and repairs are capped (twice the page count plus ten) so that a listing that never stops moving
 * cannot keep the walk alive forever.
 *
 * <h2>Defensive stopping</h2>
 * A misbehaving server never hangs or loops the walk: it ends at the first empty page, at a page that
 * yields no new session while {@code total} is unchanged, and when {@code total} is negative or smaller
 * than the number of sessions already yielded. A page holding more items than requested fails with an
 * {@link dev.agp.client.errors.AgpDecodingException}.
 */
public final class SessionPager implements Iterable<SessionSummary> {

  /** The default page size: the live server's cap for this endpoint. */
  public static final int DEFAULT_PAGE_SIZE = 100;
  /** The default number of page requests in flight. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private final RawSessionService sessions;
  private final SessionQuery query;
  private final int concurrency;
  private final long limit;
  private final boolean speculative;

  SessionPager(RawSessionService sessions, SessionQuery query, int concurrency, long limit, boolean speculative) {
    this.sessions = sessions;
    this.speculative = speculative;
    this.query = query.pageSize().isPresent() ? query : query.toBuilder().pageSize(DEFAULT_PAGE_SIZE).build();
    this.concurrency = concurrency;
    this.limit = limit;
  }

  /**
   * Returns a pager with up to {@code concurrency} page requests in flight.
   *
   * @param concurrency 1 (strictly sequential) or more
   * @return a configured copy
   * @throws IllegalArgumentException if below 1
   */
  public SessionPager concurrency(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be 1 or more (1 is strictly sequential), but was " + concurrency);
    }
    return new SessionPager(sessions, query, concurrency, limit, speculative);
  }

  /**
   * Returns a pager that stops after {@code maxItems} sessions and requests no page beyond them.
   *
   * @param maxItems 1 or more
   * @return a configured copy
   * @throws IllegalArgumentException if below 1
   */
  public SessionPager limit(long maxItems) {
    if (maxItems < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, but was " + maxItems);
    }
    return new SessionPager(sessions, query, concurrency, maxItems, speculative);
  }

  /** @return the query of each page request, with the page size in effect */
  public SessionQuery query() {
    return query;
  }

  /** @return the number of page requests in flight at most */
  public int concurrency() {
    return concurrency;
  }

  /**
   * Starts a walk. Close the iterator (or use {@link #stream()}) to cancel pages requested ahead when
   * stopping early.
   *
   * @return a new iterator over the sessions
   */
  @Override
  public CloseableIterator<SessionSummary> iterator() {
    return AsyncSources.iterator(newWalk(), batch -> batch.fresh().iterator());
  }

  /**
   * Starts a walk as a sequential stream; closing the stream cancels the requests in flight and stops
   * further requests.
   *
   * @return a new stream over the sessions
   */
  public Stream<SessionSummary> stream() {
    return AsyncSources.stream(iterator());
  }

  /**
   * The walk as whole pages: each page holds the sessions first seen on it (already de-duplicated) with the
   * page's number, size and total.
   *
   * @return an iterable of pages; each iteration is a fresh walk
   */
  public Iterable<SessionPage> pages() {
    return () -> AsyncSources.iterator(newWalk(), batch -> Collections.singletonList(
        new SessionPage(batch.fresh(), batch.page().page(), batch.page().pageSize(), batch.page().total())).iterator());
  }

  /**
   * Walks without blocking any thread: {@code action} runs for each session in listing order, on the HTTP
   * client's threads. Cancelling the returned future stops the walk and cancels requests in flight.
   *
   * @param action receives each session; an exception it throws fails the walk
   * @return a future completed when every session was handed to {@code action}
   */
  public CompletableFuture<Void> forEachAsync(Consumer<? super SessionSummary> action) {
    Objects.requireNonNull(action, "action");
    return AsyncSources.forEach(newWalk(), batch -> batch.fresh().iterator(), action);
  }

  private PageWalk newWalk() {
    PageWalk.Fetcher fetch = (page, size) ->
        Futures.map(sessions.listAsync(query.toBuilder().page(page).pageSize(size).build()), ApiResponse::body);
    return new PageWalk(fetch, query.page().orElse(1), query.effectivePageSize(), concurrency, limit,
        query.sort().orElse(null), speculative, true);
  }

  @Override
  public String toString() {
    return "SessionPager{query=" + query + ", concurrency=" + concurrency
        + (limit == Long.MAX_VALUE ? "" : ", limit=" + limit) + "}";
  }
}
