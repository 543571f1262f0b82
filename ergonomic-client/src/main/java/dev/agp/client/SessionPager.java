package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.model.SessionSummary;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A lazy auto-pager over every session matching a query, from
 * {@link SessionService#listAll(ListSessionsParams)}. Immutable: {@link #concurrency(int)} and
 * {@link #limit(long)} return configured copies, and each iteration is a fresh walk.
 *
 * <pre>{@code
 * try (Stream<SessionSummary> all = client.sessions().listAll(query).stream()) {
 *   all.filter(s -> s.getStatus() == LifecycleStatus.FAILED).forEach(System.out::println);
 * } catch (AgpPaginationException e) {
 *   // everything before it was yielded once; the walk could not prove it saw the rest
 * }
 * }</pre>
 *
 * <h2>The walk contract</h2>
 * <ol>
 *   <li><b>Exactly once.</b> Under either creation-time sort, every session that exists for the whole walk is
 *       yielded exactly once, whatever is inserted or deleted (anywhere) during the walk, at any concurrency,
 *       with answers arriving in any order. Sessions created or deleted during the walk may or may not be
 *       yielded, but never twice. Sessions are yielded in listing order.
 *   <li><b>A normal end only on evidence.</b> The walk ends normally only when the server's own answers
 *       show the listing is exhausted: an answer that overlaps what was yielded, is shorter than its page
 *       size, and agrees with its {@code total}. Every other way of stopping ends the walk with an
 *       {@link dev.agp.client.errors.AgpPaginationException}, after everything already delivered: a negative
 *       {@code total}; a page that lists a session twice, is not in creation order, or holds more than asked;
 *       two answers in a row that contradict their own {@code total}; pages that repeat while nothing
 *       explains it; and an exhausted request budget. Its message says what happened in numbers.
 *   <li><b>Always ends.</b> A walk makes at most {@code 3 × (ceil(n / (pageSize - 1)) + 1) + 10 + concurrency}
 *       requests, where {@code n} is the listing's {@code total} in the first answer (or the limit, if
 *       smaller): enough for a listing that grows by less than about half a page per request; a server that
 *       grows forever or ignores {@code page} cannot keep it alive.
 *   <li><b>Never hangs.</b> No recursion grows with pages or items, and any failure (including an
 *       {@link Error} on an HTTP thread) fails the walk rather than leave it waiting.
 *   <li><b>No waste.</b> At most {@link #concurrency()} requests are in flight, and closing the iterator or
 *       stream, or cancelling {@link #forEachAsync}, cancels them at once and makes no further request.
 * </ol>
 *
 * <h2>How: overlapping windows</h2>
 * Every request after the first overlaps the last session yielded: page numbers cannot overlap at one page
 * size, so the page size varies (page 1 of 100, then page 2 of 99, page 3 of 98, ..., up to the page size in
 * effect). An answer that contains the last session yielded proves that nothing between the two requests was
 * missed. One that starts after it (sessions deleted before it, or answers served out of order while new
 * sessions arrive at the head) is kept, and a bridge request covers the range before it; a bridge, and rarely
 * a window that cannot otherwise overlap and progress, may be larger than the page size, never above 100. The
 * overlap costs about one request in nine compared with page-aligned paging, and buys exactness while the
 * listing moves.
 *
 * <h2>Laziness, memory and speed</h2>
 * Nothing is requested until iteration starts. Up to {@link #concurrency()} windows are requested ahead of
 * the consumer (default 4; 1 is strictly sequential), and answers are used in listing order, so memory stays
 * bounded by a few pages however many sessions there are. For {@code listAll} the first window of requests
 * goes out at once, before the first answer reveals {@code total}: a round trip saved on long listings, at
 * the cost of requests that come back empty on listings shorter than the window (never beyond a
 * {@link #limit(long)}). Child lists ({@code children}) start with one request. The page size defaults to 100,
 * the live server's cap; a query's own {@link ListSessionsParams#size()} wins.
 *
 * <h2>Pinned to its start</h2>
 * A newest-first walk (the default sort) whose query sets no {@code created_before} pins it, once its first
 * page is answered, to one second after the later of that answer's {@code Date} and its newest session's
 * {@code created_at}: the server's clock when the walk began, never this machine's, and never before a
 * session the walk could see. Sessions created during the walk then stay out of the listing instead of
 * pushing older ones onto later pages: a listing that gains 90 sessions with every request of a walk over
 * 2,000 is walked in 24 requests pinned, and not at all unpinned (the budget runs out). Sessions created during the walk are not yielded (the
 * contract allows either), except those already listed by the first answers, sent before the pin was known.
 * The engine does not rely on the pin: it is exact without it (an oldest-first walk, a query with its own
 * {@code created_before}, a server that sends no {@code Date}).
 */
public final class SessionPager implements Iterable<SessionSummary> {

  /** The default page size: the largest the spec allows for this endpoint (100, the live server's cap). */
  public static final int DEFAULT_PAGE_SIZE = Paging.MAX_PAGE_SIZE;
  /** The default number of page requests in flight. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private final RawSessionService sessions;
  private final ListSessionsParams query;
  private final int concurrency;
  private final long limit;
  private final boolean speculative;
  private final RequestOptions options;

  SessionPager(RawSessionService sessions, ListSessionsParams query, int concurrency, long limit, boolean speculative,
      RequestOptions options) {
    this.sessions = sessions;
    this.options = Objects.requireNonNull(options, "options");
    this.speculative = speculative;
    this.query = query.size().isPresent() ? query : query.toBuilder().size(DEFAULT_PAGE_SIZE).build();
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
    return new SessionPager(sessions, query, concurrency, limit, speculative, options);
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
    return new SessionPager(sessions, query, concurrency, maxItems, speculative, options);
  }

  /** @return the query of each page request, with the page size in effect */
  public ListSessionsParams query() {
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
    Optional<StartPin> pin = StartPin.forWalk(query);
    int firstPage = query.page().orElse(1);
    PageWalk.Fetcher fetch = (page, size) -> {
      ListSessionsParams one = query.toBuilder().page(page).size(size).build();
      return Futures.map(sessions.listAsync(pin.map(p -> p.apply(one)).orElse(one), options), response -> {
        if (page == firstPage) {
          // The walk's first page holds the newest sessions it can meet: only its answer bounds the start.
          pin.ifPresent(p -> p.learn(response));
        }
        return response.body();
      });
    };
    return new PageWalk(fetch, firstPage, Paging.pageSize(query), concurrency, limit,
        query.sort().orElse(null), speculative, true);
  }

  @Override
  public String toString() {
    return "SessionPager{query=" + query + ", concurrency=" + concurrency
        + (limit == Long.MAX_VALUE ? "" : ", limit=" + limit)
        + (options.equals(RequestOptions.none()) ? "" : ", requestOptions=" + options) + "}";
  }
}
