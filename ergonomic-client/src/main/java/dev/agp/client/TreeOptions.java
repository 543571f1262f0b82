package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * How to walk a session tree: limits, concurrency, a filter on what is returned, and a listener for
 * repeated sessions. Immutable; build with {@link #builder()} or start from {@link #defaults()}.
 *
 * <pre>{@code
 * TreeOptions failedOnly = TreeOptions.builder()
 *     .maxDepth(3)
 *     .filter(s -> s.getStatus() == LifecycleStatus.FAILED)
 *     .onRepeat(r -> log.warn("session {} listed again under {}", r.sessionId(), r.listedUnder()))
 *     .build();
 * }</pre>
 */
public final class TreeOptions {

  private static final TreeOptions DEFAULTS = builder().build();

  private final int maxDepth;
  private final int maxNodes;
  private final int concurrency;
  private final Predicate<SessionSummary> filter;
  private final Consumer<RepeatedSession> onRepeat;

  private TreeOptions(Builder b) {
    this.maxDepth = b.maxDepth;
    this.maxNodes = b.maxNodes;
    this.concurrency = b.concurrency;
    this.filter = b.filter;
    this.onRepeat = b.onRepeat;
  }

  /** @return no limits, concurrency 4, no filter, repeats reported only on the result */
  public static TreeOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder starting from the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the deepest depth walked (the root is 0); nodes at this depth are not expanded */
  public int maxDepth() {
    return maxDepth;
  }

  /** @return the most nodes walked, root included */
  public int maxNodes() {
    return maxNodes;
  }

  /** @return the most requests in flight at once, shared by the whole walk */
  public int concurrency() {
    return concurrency;
  }

  /** @return which sessions are returned; the walk itself goes everywhere */
  public Predicate<SessionSummary> filter() {
    return filter;
  }

  /** @return what is told about each repeated session */
  public Consumer<RepeatedSession> onRepeat() {
    return onRepeat;
  }

  @Override
  public String toString() {
    return "TreeOptions{maxDepth=" + (maxDepth == Integer.MAX_VALUE ? "unlimited" : maxDepth)
        + ", maxNodes=" + (maxNodes == Integer.MAX_VALUE ? "unlimited" : maxNodes)
        + ", concurrency=" + concurrency + "}";
  }

  /** Builds {@link TreeOptions}; every setter validates at once. */
  public static final class Builder {
    private int maxDepth = Integer.MAX_VALUE;
    private int maxNodes = Integer.MAX_VALUE;
    private int concurrency = 4;
    private Predicate<SessionSummary> filter = s -> true;
    private Consumer<RepeatedSession> onRepeat = r -> {};

    private Builder() {}

    /**
     * Limits the depth: the root is depth 0, and nodes at {@code maxDepth} are returned but not expanded.
     *
     * @param maxDepth 0 or more (default unlimited)
     * @return this builder
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 0) {
        throw new IllegalArgumentException("maxDepth must be 0 or more (0 is the root alone), but was " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Limits the number of nodes walked, root included.
     *
     * @param maxNodes 1 or more (default unlimited)
     * @return this builder
     */
    public Builder maxNodes(int maxNodes) {
      if (maxNodes < 1) {
        throw new IllegalArgumentException("maxNodes must be 1 or more, but was " + maxNodes);
      }
      this.maxNodes = maxNodes;
      return this;
    }

    /**
     * Sets how many requests may be in flight at once across the whole walk.
     *
     * @param concurrency 1 (sequential) or more (default 4)
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be 1 or more (1 is sequential), but was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Returns only the sessions that match, without cutting the walk short: a non-matching session's
     * descendants are still walked. {@code tree()} keeps a non-matching session only as the ancestor of a
     * matching one (the root is always kept).
     *
     * @param filter the test
     * @return this builder
     */
    public Builder filter(Predicate<SessionSummary> filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * Sets the listener told about each repeated session (a cycle, or a session under two parents). It runs
     * on the walk's threads and must not block.
     *
     * @param onRepeat the listener
     * @return this builder
     */
    public Builder onRepeat(Consumer<RepeatedSession> onRepeat) {
      this.onRepeat = Objects.requireNonNull(onRepeat, "onRepeat");
      return this;
    }

    /** @return the options */
    public TreeOptions build() {
      return new TreeOptions(this);
    }
  }
}
