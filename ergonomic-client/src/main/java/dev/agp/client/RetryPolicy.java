package dev.agp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before retrying a failed request.
 *
 * <p>The client retries the API's read-only calls on the statuses 408, 429, 500, 502, 503 and 504 and on
 * I/O failures (including timeouts), up to {@link #maxRetries()} times. Before retry {@code n} (1-based) it
 * waits {@code min(initialBackoff * 2^(n-1), maxBackoff)}, shortened by up to 25% of random jitter so that
 * many clients do not retry in lockstep. When the response carries {@code Retry-After} (seconds or an HTTP
 * date) the client waits exactly that long instead; but when that wait is longer than
 * {@link #maxRetryAfter()}, it does not sleep at all and fails at once with the error.
 *
 * <p>Immutable and thread-safe.
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;

  private RetryPolicy(Builder builder) {
    this.maxRetries = builder.maxRetries;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.maxRetryAfter = builder.maxRetryAfter;
  }

  /** @return 2 retries, 0.5 s initial backoff doubling up to 8 s, and a 60 s ceiling on {@code Retry-After} */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** @return a policy that never retries */
  public static RetryPolicy none() {
    return builder().maxRetries(0).build();
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder starting from this policy */
  public Builder toBuilder() {
    return new Builder()
        .maxRetries(maxRetries)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter);
  }

  /** @return how many times a request is retried after its first attempt; 0 disables retries */
  public int maxRetries() {
    return maxRetries;
  }

  /** @return the wait before the first retry, before jitter */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** @return the longest wait between two attempts, before jitter */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** @return the longest {@code Retry-After} the client honours; a longer one fails the call at once */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * The backoff before retry {@code retry} (1-based).
   *
   * @param retry the retry number, 1 for the first retry
   * @param random a number in {@code [0, 1)} that picks the jitter
   */
  Duration backoff(int retry, double random) {
    long initial = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    // Doubling stops at the cap; the shift is bounded so that it cannot overflow.
    long base = Math.min(cap, initial << Math.min(retry - 1, 30));
    long jitter = (long) (base * 0.25 * random);
    return Duration.ofMillis(base - jitter);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy
        && ((RetryPolicy) o).maxRetries == maxRetries
        && ((RetryPolicy) o).initialBackoff.equals(initialBackoff)
        && ((RetryPolicy) o).maxBackoff.equals(maxBackoff)
        && ((RetryPolicy) o).maxRetryAfter.equals(maxRetryAfter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxRetries, initialBackoff, maxBackoff, maxRetryAfter);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "}";
  }

  /** Builds a {@link RetryPolicy}; every setter validates its argument at once. */
  public static final class Builder {
    private int maxRetries = 2;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Sets how many times a request is retried after its first attempt.
     *
     * @param maxRetries 0 or more; 0 disables retries (default 2)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more (0 disables retries), but was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Sets the wait before the first retry.
     *
     * @param initialBackoff a positive duration (default 0.5 s)
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * Sets the longest wait between two attempts.
     *
     * @param maxBackoff a positive duration (default 8 s)
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * Sets the longest {@code Retry-After} the client honours by sleeping; a longer one fails at once.
     *
     * @param maxRetryAfter zero or a positive duration (default 60 s)
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      if (maxRetryAfter.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must not be negative, but was " + maxRetryAfter);
      }
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if {@code initialBackoff} exceeds {@code maxBackoff}
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException(
            "initialBackoff (" + initialBackoff + ") must not exceed maxBackoff (" + maxBackoff + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
