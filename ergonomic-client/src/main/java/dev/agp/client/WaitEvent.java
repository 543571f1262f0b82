package dev.agp.client;

import dev.agp.generated.model.SessionStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SessionWaiter} tells its {@linkplain WaitOptions.Builder#onChange listener} while it
 * waits. Statuses are the API's wire values ({@code "running"}), so that a status newer than this SDK
 * is reported as it was sent.
 */
public sealed interface WaitEvent {

  /**
   * A session joined the wait: the one waited for, or a subagent session listed by one already in it.
   *
   * @param id the session's id
   * @param parentId the session that listed it, or {@code null} for the one waited for
   */
  record SessionDiscovered(String id, @Nullable String parentId) implements WaitEvent {}

  /**
   * A session's status changed (its first answer counts as a change from {@code null}).
   *
   * @param id the session's id
   * @param from the status before, or {@code null} before its first answer
   * @param to the status now, as sent
   * @param at when the answer was received
   */
  record StatusChanged(String id, @Nullable String from, String to, Instant at) implements WaitEvent {}

  /**
   * A session answered a poll, changed or not: its status, steps, usage and subagents as sent. Told for
   * every answer, so that a live view can show steps and tokens as they grow.
   *
   * @param id the session's id
   * @param status what it answered
   * @param at when the answer was received
   */
  record Answered(String id, SessionStatus status, Instant at) implements WaitEvent {}

  /**
   * A session reported a status this SDK does not know (newer than its spec): it is taken as not
   * terminal, so the wait goes on polling it. Told once per status value per wait.
   *
   * @param id the first session that reported it
   * @param status the status as sent
   */
  record UnknownStatus(String id, String status) implements WaitEvent {}

  /**
   * A session was listed as a subagent of a second parent (or of itself, a cycle): it is waited for once,
   * under its first parent. Told once per session and parent.
   *
   * @param id the session listed again
   * @param parentId the parent that listed it again
   * @param firstParentId the parent it is waited for under
   */
  record SessionRepeated(String id, String parentId, @Nullable String firstParentId) implements WaitEvent {}

  /**
   * A subagent session answered 404 Not Found: it is no longer waited for, and the wait goes on.
   *
   * @param id the session's id
   * @param parentId the session that listed it
   */
  record SessionGone(String id, @Nullable String parentId) implements WaitEvent {}

  /**
   * The wait ended: every session it knows of is terminal. The last event of a wait that succeeds.
   *
   * @param result what the wait returns
   */
  record Finished(WaitResult result) implements WaitEvent {}
}
