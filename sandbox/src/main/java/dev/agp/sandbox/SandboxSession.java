package dev.agp.sandbox;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One session held by the sandbox. Immutable; build one with {@link #builder(String)}.
 *
 * @param id the session id (a UUID string)
 * @param agent the agent id, or {@code null} for a session without a named agent
 * @param status the lifecycle status as the server spells it, including values newer than the spec
 * @param firstMessage the first message's text, or {@code null} for none
 * @param createdAt when the session was created
 * @param startedAt when it started, or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param groupId its group, or {@code null}
 * @param scheduleId the schedule that created it, or {@code null}
 * @param parentId the session that spawned it, or {@code null}
 * @param owner {@code me} for the caller's own sessions, anything else for a colleague's
 * @param error the error of a failed session, or {@code null}
 * @param steps the number of steps taken
 * @param inlineAgent whether the request named an inline agent object rather than a catalog id
 */
public record SandboxSession(
    String id,
    @Nullable String agent,
    String status,
    @Nullable String firstMessage,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String groupId,
    @Nullable String scheduleId,
    @Nullable String parentId,
    String owner,
    @Nullable String error,
    int steps,
    boolean inlineAgent) {

  /** The owner value of the caller's own sessions. */
  public static final String OWNER_ME = "me";

  /**
   * Validates the required fields.
   *
   * @param id the id
   * @param agent the agent
   * @param status the status
   * @param firstMessage the first message
   * @param createdAt the creation time
   * @param startedAt the start time
   * @param finishedAt the finish time
   * @param groupId the group
   * @param scheduleId the schedule
   * @param parentId the parent
   * @param owner the owner
   * @param error the error
   * @param steps the steps
   * @param inlineAgent whether the agent was inline
   */
  public SandboxSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(owner, "owner");
  }

  /**
   * Starts a session with the given id: status {@code running}, created now, owned by the caller.
   *
   * @param id a UUID string
   * @return a builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** @return a builder holding this session's values */
  public Builder toBuilder() {
    Builder b = new Builder(id);
    b.agent = agent;
    b.status = status;
    b.firstMessage = firstMessage;
    b.createdAt = createdAt;
    b.startedAt = startedAt;
    b.finishedAt = finishedAt;
    b.groupId = groupId;
    b.scheduleId = scheduleId;
    b.parentId = parentId;
    b.owner = owner;
    b.error = error;
    b.steps = steps;
    b.inlineAgent = inlineAgent;
    return b;
  }

  /** Builds a {@link SandboxSession}. */
  public static final class Builder {
    private final String id;
    private @Nullable String agent = "web-price-finder";
    private String status = "running";
    private @Nullable String firstMessage = "Hello";
    private Instant createdAt = Instant.now();
    private @Nullable Instant startedAt;
    private @Nullable Instant finishedAt;
    private @Nullable String groupId;
    private @Nullable String scheduleId;
    private @Nullable String parentId;
    private String owner = OWNER_ME;
    private @Nullable String error;
    private int steps;
    private boolean inlineAgent;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets agent.
     *
     * @param agent the agent id, or null
     * @return this builder
     */
    public Builder agent(@Nullable String agent) {
      this.agent = agent;
      return this;
    }

    /**
     * Sets status.
     *
     * @param status the raw status
     * @return this builder
     */
    public Builder status(String status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /**
     * Sets firstMessage.
     *
     * @param firstMessage the first message text, or null
     * @return this builder
     */
    public Builder firstMessage(@Nullable String firstMessage) {
      this.firstMessage = firstMessage;
      return this;
    }

    /**
     * Sets createdAt.
     *
     * @param createdAt the creation time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
      return this;
    }

    /**
     * Sets startedAt.
     *
     * @param startedAt the start time, or null
     * @return this builder
     */
    public Builder startedAt(@Nullable Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /**
     * Sets finishedAt.
     *
     * @param finishedAt the finish time, or null
     * @return this builder
     */
    public Builder finishedAt(@Nullable Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    /**
     * Sets groupId.
     *
     * @param groupId the group, or null
     * @return this builder
     */
    public Builder groupId(@Nullable String groupId) {
      this.groupId = groupId;
      return this;
    }

    /**
     * Sets the schedule that created the session.
     *
     * @param scheduleId a UUID string, or {@code null}
     * @return this builder
     */
    public Builder scheduleId(@Nullable String scheduleId) {
      this.scheduleId = scheduleId;
      return this;
    }

    /**
     * Sets parentId.
     *
     * @param parentId the parent session id, or null
     * @return this builder
     */
    public Builder parentId(@Nullable String parentId) {
      this.parentId = parentId;
      return this;
    }

    /**
     * Sets owner.
     *
     * @param owner {@code me} or another owner
     * @return this builder
     */
    public Builder owner(String owner) {
      this.owner = Objects.requireNonNull(owner, "owner");
      return this;
    }

    /**
     * Sets error.
     *
     * @param error the error, or null
     * @return this builder
     */
    public Builder error(@Nullable String error) {
      this.error = error;
      return this;
    }

    /**
     * Sets steps.
     *
     * @param steps the step count
     * @return this builder
     */
    public Builder steps(int steps) {
      this.steps = steps;
      return this;
    }

    /**
     * Sets inlineAgent.
     *
     * @param inlineAgent whether the request named an inline agent object
     * @return this builder
     */
    public Builder inlineAgent(boolean inlineAgent) {
      this.inlineAgent = inlineAgent;
      return this;
    }

    /** @return the session */
    public SandboxSession build() {
      return new SandboxSession(id, agent, status, firstMessage, createdAt, startedAt, finishedAt, groupId, scheduleId, parentId,
          owner, error, steps, inlineAgent);
    }
  }
}
