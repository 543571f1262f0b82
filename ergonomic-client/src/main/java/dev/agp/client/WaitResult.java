package dev.agp.client;

import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a wait saw: every session's last status (its {@code error}, {@code error_code}, {@code outcome}
 * and usage included), which ended other than {@code completed}, which disappeared, and what the wait
 * cost. Sessions are in the order the wait met them: the one waited for first, then each subagent after
 * the session that listed it. Immutable.
 */
public final class WaitResult {

  private final String rootId;
  private final Map<String, SessionStatus> statuses;
  private final Map<String, @Nullable String> parents;
  private final List<String> gone;
  private final Duration elapsed;
  private final int requests;

  WaitResult(String rootId, Map<String, SessionStatus> statuses, Map<String, @Nullable String> parents,
      List<String> gone, Duration elapsed, int requests) {
    this.rootId = rootId;
    this.statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    this.parents = Collections.unmodifiableMap(new LinkedHashMap<>(parents));
    this.gone = List.copyOf(gone);
    this.elapsed = elapsed;
    this.requests = requests;
  }

  /** @return the id of the session waited for */
  public String rootId() {
    return rootId;
  }

  /**
   * @return each session's last status, by id, in the order the wait met them; a session that never
   *     answered (a wait that timed out first, or one that disappeared) is absent
   */
  public Map<String, SessionStatus> statuses() {
    return statuses;
  }

  /**
   * @param id a session's id
   * @return its last status, if it answered
   */
  public Optional<SessionStatus> status(String id) {
    return Optional.ofNullable(statuses.get(id));
  }

  /**
   * @return every session the wait met, by id, with the session that listed it ({@code null} for the
   *     one waited for), in the order met
   */
  public Map<String, @Nullable String> parents() {
    return parents;
  }

  /** @return the sessions that ended {@code failed}, {@code timed_out} or {@code interrupted}, in order met */
  public List<String> failed() {
    List<String> failed = new ArrayList<>();
    statuses.forEach((id, status) -> {
      LifecycleStatus lifecycle = status.getStatus();
      if (lifecycle != null && lifecycle.isTerminal() && lifecycle != LifecycleStatus.COMPLETED) {
        failed.add(id);
      }
    });
    return failed;
  }

  /** @return the subagent sessions that answered 404 Not Found and were no longer waited for */
  public List<String> gone() {
    return gone;
  }

  /**
   * @return the sessions not yet terminal when the wait ended: empty after a wait that succeeded; in the
   *     partial result of an {@link AgpWaitTimeoutException}, those it was still waiting for
   */
  public List<String> pending() {
    List<String> pending = new ArrayList<>();
    parents.keySet().forEach(id -> {
      SessionStatus status = statuses.get(id);
      boolean terminal = status != null && status.getStatus() != null && status.getStatus().isTerminal();
      if (!terminal && !gone.contains(id)) {
        pending.add(id);
      }
    });
    return pending;
  }

  /** @return whether every session ended {@code completed} (none failed, none disappeared, none pending) */
  public boolean allCompleted() {
    return failed().isEmpty() && gone.isEmpty() && pending().isEmpty();
  }

  /** @return how long the wait took */
  public Duration elapsed() {
    return elapsed;
  }

  /** @return the status requests the wait made (each counted once, whatever the transport's retries) */
  public int requests() {
    return requests;
  }

  @Override
  public String toString() {
    return "WaitResult{root=" + rootId + ", sessions=" + parents.size() + ", failed=" + failed() + ", gone=" + gone
        + ", pending=" + pending() + ", elapsed=" + elapsed + ", requests=" + requests + "}";
  }
}
