package dev.agp.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Faults to inject into the sandbox's answers, for tests of retries, timeouts, decoding errors and data
 * that moves. Thread-safe; queued faults are consumed by requests in arrival order, standing ones last
 * until {@link #clear()}.
 */
public final class SandboxFaults {

  /** What to do instead of answering normally. */
  enum Kind { STATUS, MALFORMED, TRUNCATED }

  /** One queued fault. */
  record Fault(Kind kind, int status, @Nullable String retryAfter) {}

  /**
   * The standing faults that shape one list answer, read together so that a request sees one consistent set.
   *
   * @param headInserts sessions to insert at the head before a top-level list answer
   * @param tailInserts sessions to append at the tail before a top-level list answer
   * @param repeatPages whether to answer page 1 whatever page was asked for
   * @param repeatIds whether to fill the page with one session and report that count as the total
   * @param negativeTotalFromPage the first requested page whose total is -1, or 0 for none
   */
  record ListFaults(int headInserts, int tailInserts, boolean repeatPages, boolean repeatIds, int negativeTotalFromPage) {}

  private final Deque<Fault> queue = new ArrayDeque<>();
  private Duration latency = Duration.ZERO;
  private int insertPerPageRequest;
  private int insertTimes;
  private final java.util.Map<String, Integer> failingChildLists = new java.util.HashMap<>();
  private int headInsertsPerList;
  private int tailInsertsPerList;
  private boolean repeatPages;
  private boolean repeatIdsWithinPages;
  private int negativeTotalFromPage;

  SandboxFaults() {}

  /**
   * Delays every answer, to simulate a round trip.
   *
   * @param latency the delay per request; zero for none
   * @return this
   */
  public synchronized SandboxFaults latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.latency = latency;
    return this;
  }

  /**
   * Answers the next {@code count} requests with {@code status} and {@code {"detail": "Injected failure"}}.
   *
   * @param count how many requests
   * @param status the HTTP status, for example 503
   * @return this
   */
  public SandboxFaults failNext(int count, int status) {
    return failNext(count, status, null);
  }

  /**
   * Answers the next {@code count} requests with {@code status} and a {@code Retry-After} header.
   *
   * @param count how many requests
   * @param status the HTTP status, for example 429
   * @param retryAfter the header's value (seconds or an HTTP date), or {@code null} for none
   * @return this
   */
  public synchronized SandboxFaults failNext(int count, int status, @Nullable String retryAfter) {
    for (int i = 0; i < count; i++) {
      queue.add(new Fault(Kind.STATUS, status, retryAfter));
    }
    return this;
  }

  /**
   * Answers the next {@code count} requests with 200 and a body that is not JSON.
   *
   * @param count how many requests
   * @return this
   */
  public synchronized SandboxFaults malformedNext(int count) {
    for (int i = 0; i < count; i++) {
      queue.add(new Fault(Kind.MALFORMED, 200, null));
    }
    return this;
  }

  /**
   * Answers the next {@code count} requests with 200 and the real body cut in half.
   *
   * @param count how many requests
   * @return this
   */
  public synchronized SandboxFaults truncatedNext(int count) {
    for (int i = 0; i < count; i++) {
      queue.add(new Fault(Kind.TRUNCATED, 200, null));
    }
    return this;
  }

  /**
   * Before answering each of the next {@code times} list requests for a page after the first, inserts
   * {@code perRequest} new sessions at the head of the listing, as if they had just been created.
   *
   * @param perRequest sessions inserted before each such request
   * @param times how many requests do it
   * @return this
   */
  public synchronized SandboxFaults insertAtHeadBetweenPages(int perRequest, int times) {
    this.insertPerPageRequest = perRequest;
    this.insertTimes = times;
    return this;
  }

  /**
   * Before answering every top-level list request, page 1 and concurrent requests included, inserts
   * {@code perRequest} new sessions at the head of the listing (newer than every other, each a second newer
   * than the last, with fresh UUIDs), as on a busy server; until {@link #clear()}. Child lists
   * ({@code parent_session_id=...}) and requests rejected before listing (401, 422, a queued failure) insert
   * nothing. The answers stay valid: {@code total} counts the new sessions, and items shift towards later
   * pages. Adds to {@link #insertAtHeadBetweenPages}, if both are set.
   *
   * @param perRequest sessions inserted before each list request; 0 to stop
   * @return this
   */
  public synchronized SandboxFaults insertAtHeadOnEveryList(int perRequest) {
    this.headInsertsPerList = notNegative(perRequest, "perRequest");
    return this;
  }

  /**
   * Before answering every top-level list request, page 1 and concurrent requests included, appends
   * {@code perRequest} new sessions at the tail of the newest-first listing (created before every other,
   * each a second older than the last, with fresh UUIDs); until {@link #clear()}. So {@code total} grows on
   * every page: with {@code perRequest} at least the page size, a pager that reads until an empty page or
   * until it has seen {@code total} items never ends. Child lists ({@code parent_session_id=...}) and
   * requests rejected before listing (401, 422, a queued failure) append nothing. The answers stay valid.
   * In the oldest-first listing ({@code sort=created_at}) these sessions come first.
   *
   * @param perRequest sessions appended before each list request; 0 to stop
   * @return this
   */
  public synchronized SandboxFaults growTailOnEveryList(int perRequest) {
    this.tailInsertsPerList = notNegative(perRequest, "perRequest");
    return this;
  }

  /**
   * Makes every list request, child lists included, ignore its {@code page} parameter and answer page 1
   * (its items, {@code "page": 1} and the true {@code total}); until {@link #clear()}. Answers to a request
   * for another page break the contract on purpose and carry {@link AgpSandbox#BROKEN_BODY_HEADER}.
   *
   * @return this
   */
  public synchronized SandboxFaults repeatPages() {
    this.repeatPages = true;
    return this;
  }

  /**
   * Makes every list answer, child lists included, hold one session (the first the page would hold)
   * repeated as many times as the page would hold items, with {@code total} equal to that count (for
   * example {@code "total": 15} and one id fifteen times; a page past the end holds nothing and says
   * {@code "total": 0}); until {@link #clear()}. The answers break the contract on purpose and carry
   * {@link AgpSandbox#BROKEN_BODY_HEADER}.
   *
   * @return this
   */
  public synchronized SandboxFaults repeatIdsWithinPages() {
    this.repeatIdsWithinPages = true;
    return this;
  }

  /**
   * Makes the answers to list requests for page {@code page} and later, child lists included, say
   * {@code "total": -1} (their items are unchanged); until {@link #clear()}. The page compared is the one
   * requested. Those answers break the contract on purpose and carry {@link AgpSandbox#BROKEN_BODY_HEADER}.
   *
   * @param page the first page to answer so, 1 or more
   * @return this
   */
  public synchronized SandboxFaults negativeTotalFromPage(int page) {
    if (page < 1) {
      throw new IllegalArgumentException("page must be 1 or more, but was " + page);
    }
    this.negativeTotalFromPage = page;
    return this;
  }

  /**
   * Answers every listing of the children of {@code parentId} ({@code parent_session_id=...}) with
   * {@code status}, until {@link #clear()}: a broken branch of a session tree.
   *
   * @param parentId the parent whose child list fails
   * @param status the HTTP status, for example 500
   * @return this
   */
  public synchronized SandboxFaults failChildListsOf(String parentId, int status) {
    failingChildLists.put(Objects.requireNonNull(parentId, "parentId"), status);
    return this;
  }

  /**
   * Removes every fault.
   *
   * @return this
   */
  public synchronized SandboxFaults clear() {
    queue.clear();
    latency = Duration.ZERO;
    insertPerPageRequest = 0;
    insertTimes = 0;
    failingChildLists.clear();
    headInsertsPerList = 0;
    tailInsertsPerList = 0;
    repeatPages = false;
    repeatIdsWithinPages = false;
    negativeTotalFromPage = 0;
    return this;
  }

  private static int notNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, but was " + value);
    }
    return value;
  }

  /** @return the standing faults for one list answer */
  synchronized ListFaults listFaults() {
    return new ListFaults(headInsertsPerList, tailInsertsPerList, repeatPages, repeatIdsWithinPages, negativeTotalFromPage);
  }

  synchronized @Nullable Integer childListFailure(@Nullable String parentId) {
    return parentId == null ? null : failingChildLists.get(parentId);
  }

  synchronized Duration latency() {
    return latency;
  }

  synchronized @Nullable Fault poll() {
    return queue.poll();
  }

  /** @return how many sessions to insert before this later-page list request */
  synchronized int insertionsForPageRequest() {
    if (insertTimes <= 0) {
      return 0;
    }
    insertTimes--;
    return insertPerPageRequest;
  }
}
