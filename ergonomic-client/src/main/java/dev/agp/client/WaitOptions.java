package dev.agp.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link SessionWaiter} waits: its deadline, how often it polls, how many requests it keeps in
 * flight for a tree, and who hears what changes. Immutable; {@link #defaults()} or {@link #builder()}.
 *
 * <p>Each session is polled on its own schedule: the first poll at once, then after the
 * {@linkplain Builder#pollInterval initial interval}, growing by the {@linkplain Builder#backoffMultiplier
 * multiplier} after each answer that changes nothing, up to the {@linkplain Builder#maxPollInterval cap},
 * and back to the initial interval when its status or its subagents change. Each wait is spread by up to
 * ± {@linkplain Builder#jitter jitter} of itself, so that many waiters do not poll in step. In a tree, the
 * cap shrinks in proportion as sessions end (half of them terminal: half the cap), never below the
 * initial interval: a wait ends with its last session, so while many run none is asked often, and when
 * few are left each is, and the end is seen soon after it happens.
 */
public final class WaitOptions {

  /** The default deadline of a wait: 30 minutes. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);
  /** The default first interval between two polls of a session: 1 second. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  /** The default longest interval between two polls of a session: 15 seconds. */
  public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofSeconds(15);
  /** The default growth of the interval after an answer that changes nothing: 1.5. */
  public static final double DEFAULT_BACKOFF_MULTIPLIER = 1.5;
  /** The default spread of each interval: ± 10% of it. */
  public static final double DEFAULT_JITTER = 0.1;
  /** The default number of status requests in flight while waiting for a tree: 4. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;
  /** The most status requests in flight one wait may have. */
  public static final int MAX_IN_FLIGHT = 32;

  private static final WaitOptions DEFAULTS = builder().build();

  private final Duration deadline;
  private final Duration pollInterval;
  private final Duration maxPollInterval;
  private final double backoffMultiplier;
  private final double jitter;
  private final int maxInFlight;
  private final Consumer<WaitEvent> onChange;
  private final RequestOptions requestOptions;

  private WaitOptions(Builder builder) {
    this.deadline = builder.deadline;
    this.pollInterval = builder.pollInterval;
    this.maxPollInterval = builder.maxPollInterval;
    this.backoffMultiplier = builder.backoffMultiplier;
    this.jitter = builder.jitter;
    this.maxInFlight = builder.maxInFlight;
    this.onChange = builder.onChange;
    this.requestOptions = builder.requestOptions;
  }

  /** @return the default options: 30 minutes, 1 s growing ×1.5 to 15 s, ± 10%, 4 in flight, no listener */
  public static WaitOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder holding the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these options */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.deadline = deadline;
    builder.pollInterval = pollInterval;
    builder.maxPollInterval = maxPollInterval;
    builder.backoffMultiplier = backoffMultiplier;
    builder.jitter = jitter;
    builder.maxInFlight = maxInFlight;
    builder.onChange = onChange;
    builder.requestOptions = requestOptions;
    return builder;
  }

  /** @return how long a wait may take before it ends with an {@link AgpWaitTimeoutException} */
  public Duration deadline() {
    return deadline;
  }

  /** @return the first interval between two polls of a session, and the one after a change */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** @return the longest interval between two polls of a session */
  public Duration maxPollInterval() {
    return maxPollInterval;
  }

  /** @return the growth of a session's interval after an answer that changes nothing */
  public double backoffMultiplier() {
    return backoffMultiplier;
  }

  /** @return the spread of each interval, as a fraction of it (0.1 = ± 10%) */
  public double jitter() {
    return jitter;
  }

  /** @return the most status requests in flight while waiting for a tree */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** @return the listener of what changes while waiting */
  public Consumer<WaitEvent> onChange() {
    return onChange;
  }

  /** @return the options of every status request the wait makes */
  public RequestOptions requestOptions() {
    return requestOptions;
  }

  @Override
  public String toString() {
    return "WaitOptions{deadline=" + deadline + ", pollInterval=" + pollInterval + ", maxPollInterval="
        + maxPollInterval + ", backoffMultiplier=" + backoffMultiplier + ", jitter=" + jitter + ", maxInFlight="
        + maxInFlight + ", requestOptions=" + requestOptions + "}";
  }

  /** Builds {@link WaitOptions}; every setter checks its value and says what is allowed. */
  public static final class Builder {
    private Duration deadline = DEFAULT_DEADLINE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration maxPollInterval = DEFAULT_MAX_POLL_INTERVAL;
    private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
    private double jitter = DEFAULT_JITTER;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private Consumer<WaitEvent> onChange = event -> {};
    private RequestOptions requestOptions = RequestOptions.none();

    private Builder() {}

    /**
     * Sets the options of every status request the wait makes: a timeout per attempt, retries, extra
     * headers (default {@link RequestOptions#none()}, the client's own).
     *
     * @param options the request options
     * @return this builder
     */
    public Builder requestOptions(RequestOptions options) {
      this.requestOptions = Objects.requireNonNull(options, "requestOptions");
      return this;
    }

    /**
     * @param deadline how long a wait may take (default 30 minutes); more than zero
     * @return this builder
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /**
     * @param interval the first interval between two polls of a session (default 1 s); at least 10 ms
     * @return this builder
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "pollInterval");
      if (interval.toMillis() < 10) {
        throw new IllegalArgumentException("pollInterval must be at least 10 ms, but was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * @param interval the longest interval between two polls of a session (default 15 s); at least the
     *     {@linkplain #pollInterval first interval} when the options are built
     * @return this builder
     */
    public Builder maxPollInterval(Duration interval) {
      this.maxPollInterval = positive(interval, "maxPollInterval");
      return this;
    }

    /**
     * @param multiplier the growth of a session's interval after an answer that changes nothing (default
     *     1.5); from 1 (a fixed interval) to 10
     * @return this builder
     */
    public Builder backoffMultiplier(double multiplier) {
      if (!(multiplier >= 1 && multiplier <= 10)) {
        throw new IllegalArgumentException("backoffMultiplier must be between 1 and 10, but was " + multiplier);
      }
      this.backoffMultiplier = multiplier;
      return this;
    }

    /**
     * @param jitter the spread of each interval as a fraction of it (default 0.1, ± 10%); from 0 to 0.5
     * @return this builder
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 0.5)) {
        throw new IllegalArgumentException("jitter must be between 0 and 0.5, but was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * @param maxInFlight the most status requests in flight while waiting for a tree (default 4); from 1 to
     *     {@value WaitOptions#MAX_IN_FLIGHT}
     * @return this builder
     */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
        throw new IllegalArgumentException("maxInFlight must be between 1 and " + MAX_IN_FLIGHT + ", but was " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * Sets who hears what changes: sessions discovered, statuses changed, the end. The listener is called
     * on the thread that received the answer, one event at a time and in order, never while the waiter
     * holds a lock; it should return quickly. An exception it throws is ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder onChange(Consumer<WaitEvent> listener) {
      this.onChange = Objects.requireNonNull(listener, "onChange");
      return this;
    }

    /**
     * @return the options
     * @throws IllegalArgumentException if the longest interval is shorter than the first
     */
    public WaitOptions build() {
      if (maxPollInterval.compareTo(pollInterval) < 0) {
        throw new IllegalArgumentException("maxPollInterval (" + maxPollInterval + ") must be at least pollInterval ("
            + pollInterval + ")");
      }
      return new WaitOptions(this);
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be more than zero, but was " + duration);
      }
      return duration;
    }
  }
}
