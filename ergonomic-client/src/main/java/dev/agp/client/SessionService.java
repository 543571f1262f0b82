package dev.agp.client;

import java.time.Clock;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.client.errors.SessionTreeException;
import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.concurrent.CompletableFuture;

/**
 * The sessions API: list, retrieve and status, each blocking or asynchronous. Obtain it from
 * {@link AgpClient#sessions()}; it is thread-safe.
 *
 * <p>Every call retries per the client's {@link RetryPolicy} and fails with an unchecked
 * {@link dev.agp.client.errors.AgpException}. Every call has a form taking {@link RequestOptions} last: a
 * timeout per attempt, a number of retries and extra headers for that call (for a walk, for each of its
 * requests). Asynchronous calls use OkHttp's asynchronous dispatch and
 * hold no thread while waiting; cancelling the returned future cancels the request in flight.
 */
public final class SessionService {

  private final RawSessionService raw;
  private final SessionWaiter waiter;

  SessionService(RawSessionService raw, Sleeper sleeper, Clock clock) {
    this.raw = raw;
    this.waiter = new SessionWaiter((id, options) -> Futures.map(raw.statusAsync(id, options), ApiResponse::body),
        sleeper, clock,
        WaitOptions.defaults());
  }

  /**
   * A waiter with the default options: until a session, or its whole subagent tree, is terminal, with a
   * deadline of 30 minutes and polls every 1 s growing to 15 s; see {@link SessionWaiter}.
   *
   * @return the waiter
   */
  public SessionWaiter waiter() {
    return waiter;
  }

  /**
   * A waiter with other options: {@code waiter(WaitOptions.builder().deadline(Duration.ofMinutes(5)).build())}.
   *
   * @param options deadline, polling, requests in flight, listener
   * @return the waiter
   */
  public SessionWaiter waiter(WaitOptions options) {
    return waiter.withOptions(options);
  }

  /**
   * Lists one page of sessions.
   *
   * <pre>{@code
   * SessionPage page = client.sessions().list(ListSessionsParams.builder().status(LifecycleStatus.RUNNING).build());
   * page.items().forEach(s -> System.out.println(s.getId() + " " + s.getStatusRaw()));
   * }</pre>
   *
   * @param query filters, sort and page; {@link ListSessionsParams#none()} for the server's defaults
   * @return the page
   * @throws dev.agp.client.errors.AgpException on any failure, after retries
   */
  public SessionPage list(ListSessionsParams query) {
    return list(query, RequestOptions.none());
  }

  /**
   * Lists one page of sessions, with this call's options.
   *
   * @param query filters, sort and page
   * @param options timeout, retries and headers of this call
   * @return the page
   * @throws dev.agp.client.errors.AgpException on any failure, after retries
   */
  public SessionPage list(ListSessionsParams query, RequestOptions options) {
    return raw.list(query, options).body();
  }

  /**
   * Lists one page of sessions without blocking.
   *
   * @param query filters, sort and page
   * @return a future of the page
   */
  public CompletableFuture<SessionPage> listAsync(ListSessionsParams query) {
    return listAsync(query, RequestOptions.none());
  }

  /**
   * Lists one page of sessions without blocking, with this call's options.
   *
   * @param query filters, sort and page
   * @param options timeout, retries and headers of this call
   * @return a future of the page
   */
  public CompletableFuture<SessionPage> listAsync(ListSessionsParams query, RequestOptions options) {
    return Futures.map(raw.listAsync(query, options), ApiResponse::body);
  }

  /**
   * Retrieves one session: its request (agent and messages), live status and timestamps.
   *
   * @param id the session id
   * @return the session
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public Session retrieve(String id) {
    return retrieve(id, RequestOptions.none());
  }

  /**
   * Retrieves one session, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return the session
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public Session retrieve(String id, RequestOptions options) {
    return raw.retrieve(id, options).body();
  }

  /**
   * Retrieves one session without blocking.
   *
   * @param id the session id
   * @return a future of the session
   */
  public CompletableFuture<Session> retrieveAsync(String id) {
    return retrieveAsync(id, RequestOptions.none());
  }

  /**
   * Retrieves one session without blocking, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return a future of the session
   */
  public CompletableFuture<Session> retrieveAsync(String id, RequestOptions options) {
    return Futures.map(raw.retrieveAsync(id, options), ApiResponse::body);
  }

  /**
   * Reads a session's live status, including the ids of the subagent sessions it spawned.
   *
   * @param id the session id
   * @return the status
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public SessionStatus status(String id) {
    return status(id, RequestOptions.none());
  }

  /**
   * Reads a session's live status, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return the status
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public SessionStatus status(String id, RequestOptions options) {
    return raw.status(id, options).body();
  }

  /**
   * Reads a session's live status without blocking.
   *
   * @param id the session id
   * @return a future of the status
   */
  public CompletableFuture<SessionStatus> statusAsync(String id) {
    return statusAsync(id, RequestOptions.none());
  }

  /**
   * Reads a session's live status without blocking, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return a future of the status
   */
  public CompletableFuture<SessionStatus> statusAsync(String id, RequestOptions options) {
    return Futures.map(raw.statusAsync(id, options), ApiResponse::body);
  }

  /**
   * Lists every session matching {@code query}, lazily, page after page: see {@link SessionPager} for
   * prefetching, the exactly-once guarantee while the data moves, and defensive stopping. The page size
   * defaults to {@link SessionPager#DEFAULT_PAGE_SIZE} unless the query sets one; the query's page, if
   * set, is where the walk starts.
   *
   * <pre>{@code
   * for (SessionSummary s : client.sessions().listAll(ListSessionsParams.none()).limit(500)) { ... }
   * }</pre>
   *
   * @param query filters and sort (and optionally page size and first page)
   * @return a lazy pager; nothing is requested until it is iterated
   */
  public SessionPager listAll(ListSessionsParams query) {
    return listAll(query, RequestOptions.none());
  }

  /**
   * Lists every session matching {@code query}, as {@link #listAll(ListSessionsParams)} does, with options
   * applied to every page request.
   *
   * @param query filters and sort (and optionally page size and first page)
   * @param options timeout, retries and headers of each page request
   * @return a lazy pager; nothing is requested until it is iterated
   */
  public SessionPager listAll(ListSessionsParams query, RequestOptions options) {
    return new SessionPager(raw, Objects.requireNonNull(query, "query"), SessionPager.DEFAULT_CONCURRENCY, Long.MAX_VALUE,
        true, options);
  }

  /**
   * Lists the direct children (subagent sessions) of a session, auto-paginated, newest first.
   *
   * @param parentId the parent session's id
   * @return a lazy pager over the children
   */
  public SessionPager children(String parentId) {
    return children(parentId, RequestOptions.none());
  }

  /**
   * Lists the direct children of a session, as {@link #children(String)} does, with options applied to
   * every page request.
   *
   * @param parentId the parent session's id
   * @param options timeout, retries and headers of each page request
   * @return a lazy pager over the children
   */
  public SessionPager children(String parentId, RequestOptions options) {
    ListSessionsParams children = ListSessionsParams.builder().parentSessionId(RawSessionService.requireId(parentId)).build();
    return new SessionPager(raw, children, SessionPager.DEFAULT_CONCURRENCY, Long.MAX_VALUE, false, options);
  }

  /**
   * Walks a whole session tree and returns it as an immutable structure. The root's summary is derived
   * from retrieving the root ({@code request.agent} as a catalog id or an inline agent's name, and its
   * status); every other node comes from its parent's child list, in listing order. Child lists of
   * different sessions are fetched concurrently, with at most {@link TreeOptions#concurrency()} requests in
   * flight across the whole walk, so a tree of N sessions and depth D takes about
   * {@code max(D + 1, N / concurrency)} round trips. A session met again is reported (see
   * {@link SessionTree#repeats()} and {@link TreeOptions.Builder#onRepeat}) and not followed, so the walk
   * always ends.
   *
   * @param rootId the root session's id
   * @param options limits, concurrency, filter, repeat listener
   * @return the tree
   * @throws SessionTreeException naming the session whose children (or the root itself) could not be read
   */
  public SessionTree tree(String rootId, TreeOptions options) {
    return tree(rootId, options, RequestOptions.none());
  }

  /**
   * Walks a whole session tree, as {@link #tree(String, TreeOptions)} does, with request options applied to
   * every request of the walk (the root's retrieval and every page of every child list).
   *
   * @param rootId the root session's id
   * @param options limits, concurrency, filter, repeat listener
   * @param requestOptions timeout, retries and headers of each request
   * @return the tree
   * @throws SessionTreeException naming the session whose children (or the root itself) could not be read
   */
  public SessionTree tree(String rootId, TreeOptions options, RequestOptions requestOptions) {
    TreeWalk walk = newTreeWalk(rootId, options, requestOptions);
    List<SessionNode> nodes = new ArrayList<>();
    try (CloseableIterator<SessionNode> iterator = AsyncSources.iterator(walk, node -> List.of(node).iterator())) {
      iterator.forEachRemaining(nodes::add);
    }
    return SessionTree.of(nodes, options.filter(), walk.repeats(), walk.nodeLimitReached(), walk.depthLimitReached());
  }

  /**
   * Walks a whole session tree with the default options; see {@link #tree(String, TreeOptions)}.
   *
   * @param rootId the root session's id
   * @return the tree
   */
  public SessionTree tree(String rootId) {
    return tree(rootId, TreeOptions.defaults());
  }

  /**
   * Walks a whole session tree without blocking; cancelling the future cancels the walk and every request
   * in flight.
   *
   * @param rootId the root session's id
   * @param options limits, concurrency, filter, repeat listener
   * @return a future of the tree; it fails with a {@link SessionTreeException}
   */
  public CompletableFuture<SessionTree> treeAsync(String rootId, TreeOptions options) {
    return treeAsync(rootId, options, RequestOptions.none());
  }

  /**
   * Walks a whole session tree without blocking, as {@link #treeAsync(String, TreeOptions)} does, with
   * request options applied to every request of the walk.
   *
   * @param rootId the root session's id
   * @param options limits, concurrency, filter, repeat listener
   * @param requestOptions timeout, retries and headers of each request
   * @return a future of the tree; it fails with a {@link SessionTreeException}
   */
  public CompletableFuture<SessionTree> treeAsync(String rootId, TreeOptions options, RequestOptions requestOptions) {
    TreeWalk walk = newTreeWalk(rootId, options, requestOptions);
    List<SessionNode> nodes = Collections.synchronizedList(new ArrayList<>());
    return Futures.map(AsyncSources.forEach(walk, node -> List.of(node).iterator(), nodes::add),
        ignored -> SessionTree.of(nodes, options.filter(), walk.repeats(), walk.nodeLimitReached(), walk.depthLimitReached()));
  }

  /**
   * Walks a session tree lazily, as a stream of nodes in depth-first pre-order: the root first, a parent
   * always before its children, siblings in listing order. Child lists are fetched ahead of the consumer as
   * for {@link #tree(String, TreeOptions)}; the filter selects which nodes are returned without cutting the
   * walk short. Close the stream to cancel the walk.
   *
   * @param rootId the root session's id
   * @param options limits, concurrency, filter, repeat listener
   * @return a lazy stream; nothing is requested until it is consumed
   */
  public Stream<SessionNode> descendants(String rootId, TreeOptions options) {
    return descendants(rootId, options, RequestOptions.none());
  }

  /**
   * Walks a session tree lazily, as {@link #descendants(String, TreeOptions)} does, with request options
   * applied to every request of the walk.
   *
   * @param rootId the root session's id
   * @param options limits, concurrency, filter, repeat listener
   * @param requestOptions timeout, retries and headers of each request
   * @return a lazy stream; nothing is requested until it is consumed
   */
  public Stream<SessionNode> descendants(String rootId, TreeOptions options, RequestOptions requestOptions) {
    // The walk makes its first request when the stream is first consumed.
    CloseableIterator<SessionNode> iterator = AsyncSources.iterator(newTreeWalk(rootId, options, requestOptions),
        node -> options.filter().test(node.session()) ? List.of(node).iterator() : Collections.emptyIterator());
    return AsyncSources.stream(iterator);
  }

  private TreeWalk newTreeWalk(String rootId, TreeOptions options, RequestOptions requestOptions) {
    RawSessionService.requireId(rootId);
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(requestOptions, "requestOptions");
    return new TreeWalk(rootId, options,
        id -> Futures.map(raw.retrieveAsync(id, requestOptions), response -> Summaries.of(response.body())),
        (parentId, page, size) -> Futures.map(raw.listAsync(ListSessionsParams.builder()
            .parentSessionId(parentId).size(size).page(page).build(), requestOptions), ApiResponse::body));
  }

  /** @return the same calls, answering with the HTTP status and headers alongside the body */
  public RawSessionService withRawResponse() {
    return raw;
  }
}
