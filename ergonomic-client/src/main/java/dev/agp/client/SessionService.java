package dev.agp.client;

import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The sessions API: list, retrieve and status, each blocking or asynchronous. Obtain it from
 * {@link AgpClient#sessions()}; it is thread-safe.
 *
 * <p>Every call retries per the client's {@link RetryPolicy} and fails with an unchecked
 * {@link dev.agp.client.errors.AgpException}. Asynchronous calls use OkHttp's asynchronous dispatch and
 * hold no thread while waiting; cancelling the returned future cancels the request in flight.
 */
public final class SessionService {

  private final RawSessionService raw;

  SessionService(RawSessionService raw) {
    this.raw = raw;
  }

  /**
   * Lists one page of sessions.
   *
   * <pre>{@code
   * SessionPage page = client.sessions().list(SessionQuery.builder().status(LifecycleStatus.RUNNING).build());
   * page.items().forEach(s -> System.out.println(s.getId() + " " + s.getStatusRaw()));
   * }</pre>
   *
   * @param query filters, sort and page; {@link SessionQuery#all()} for the server's defaults
   * @return the page
   * @throws dev.agp.client.errors.AgpException on any failure, after retries
   */
  public SessionPage list(SessionQuery query) {
    return raw.list(query).body();
  }

  /**
   * Lists one page of sessions without blocking.
   *
   * @param query filters, sort and page
   * @return a future of the page
   */
  public CompletableFuture<SessionPage> listAsync(SessionQuery query) {
    return Futures.map(raw.listAsync(query), ApiResponse::body);
  }

  /**
   * Retrieves one session: its request (agent and messages), live status and timestamps.
   *
   * @param id the session id
   * @return the session
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public Session retrieve(String id) {
    return raw.retrieve(id).body();
  }

  /**
   * Retrieves one session without blocking.
   *
   * @param id the session id
   * @return a future of the session
   */
  public CompletableFuture<Session> retrieveAsync(String id) {
    return Futures.map(raw.retrieveAsync(id), ApiResponse::body);
  }

  /**
   * Reads a session's live status, including the ids of the subagent sessions it spawned.
   *
   * @param id the session id
   * @return the status
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public SessionStatus status(String id) {
    return raw.status(id).body();
  }

  /**
   * Reads a session's live status without blocking.
   *
   * @param id the session id
   * @return a future of the status
   */
  public CompletableFuture<SessionStatus> statusAsync(String id) {
    return Futures.map(raw.statusAsync(id), ApiResponse::body);
  }

  /**
   * Lists every session matching {@code query}, lazily, page after page: see {@link SessionPager} for
   * prefetching, the exactly-once guarantee while the data moves, and defensive stopping. The page size
   * defaults to {@value SessionPager#DEFAULT_PAGE_SIZE} unless the query sets one; the query's page, if
   * set, is where the walk starts.
   *
   * <pre>{@code
   * for (SessionSummary s : client.sessions().listAll(SessionQuery.all()).limit(500)) { ... }
   * }</pre>
   *
   * @param query filters and sort (and optionally page size and first page)
   * @return a lazy pager; nothing is requested until it is iterated
   */
  public SessionPager listAll(SessionQuery query) {
    return new SessionPager(raw, Objects.requireNonNull(query, "query"), SessionPager.DEFAULT_CONCURRENCY, Long.MAX_VALUE);
  }

  /** @return the same calls, answering with the HTTP status and headers alongside the body */
  public RawSessionService withRawResponse() {
    return raw;
  }
}
