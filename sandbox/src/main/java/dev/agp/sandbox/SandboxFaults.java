package dev.agp.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Faults to inject into the sandbox's answers, for tests of retries, timeouts, decoding errors and data
 * that moves. Thread-safe; queued faults are consumed by requests in arrival order.
 */
public final class SandboxFaults {

  /** What to do instead of answering normally. */
  enum Kind { STATUS, MALFORMED, TRUNCATED }

  /** One queued fault. */
  record Fault(Kind kind, int status, @Nullable String retryAfter) {}

  private final Deque<Fault> queue = new ArrayDeque<>();
  private Duration latency = Duration.ZERO;
  private int insertPerPageRequest;
  private int insertTimes;
  private final java.util.Map<String, Integer> failingChildLists = new java.util.HashMap<>();

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
    return this;
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
