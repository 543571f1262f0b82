package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
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
  private final IntConsumer onNodeLimit;

  /** The default {@link #maxNodes()}: a walk that reaches it ends and says so. */
  public static final int DEFAULT_MAX_NODES = 100_000;

  private TreeOptions(Builder b) {
    this.onNodeLimit = b.onNodeLimit;
    this.maxDepth = b.maxDepth;
    this.maxNodes = b.maxNodes;
    this.concurrency = b.concurrency;
    this.filter = b.filter;
    this.onRepeat = b.onRepeat;
  }

  /**
   * @return no depth limit, at most {@value #DEFAULT_MAX_NODES} nodes, concurrency 4, no filter, repeats and
   *     the node limit reported only on the result
   */
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

  /** @return the most nodes walked, root included (default {@value #DEFAULT_MAX_NODES}) */
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

  /** @return what is told, once, when the walk stops at {@link #maxNodes()} with sessions left unvisited */
  public IntConsumer onNodeLimit() {
    return onNodeLimit;
  }

  @Override
  public String toString() {
    return "TreeOptions{maxDepth=" + (maxDepth == Integer.MAX_VALUE ? "unlimited" : maxDepth)
        + ", maxNodes=" + maxNodes
        + ", concurrency=" + concurrency + "}";
  }

  /** Builds {@link TreeOptions}; every setter validates at once. */
  public static final class Builder {
    private int maxDepth = Integer.MAX_VALUE;
    private int maxNodes = DEFAULT_MAX_NODES;
    private int concurrency = 4;
    private Predicate<SessionSummary> filter = s -> true;
    private Consumer<RepeatedSession> onRepeat = r -> {};
    private IntConsumer onNodeLimit = maxNodes -> {};

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
     * Limits the number of nodes walked, root included. A walk that reaches the limit with sessions left
     * unvisited ends there, tells {@link #onNodeLimit(IntConsumer)}, and says so on the result
     * ({@link SessionTree#nodeLimitReached()}); it never runs unbounded on a huge or hostile tree.
     *
     * @param maxNodes 1 or more (default {@value TreeOptions#DEFAULT_MAX_NODES})
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
     * on the walk's threads, never under a lock, and must not block; an exception it throws fails the walk.
     *
     * @param onRepeat the listener
     * @return this builder
     */
    public Builder onRepeat(Consumer<RepeatedSession> onRepeat) {
      this.onRepeat = Objects.requireNonNull(onRepeat, "onRepeat");
      return this;
    }

    /**
     * Sets the listener told, once, when the walk stops at {@link #maxNodes(int)} with sessions left
     * unvisited; it receives the limit. It runs on the walk's threads, never under a lock, and must not
     * block.
     *
     * @param onNodeLimit the listener
     * @return this builder
     */
    public Builder onNodeLimit(IntConsumer onNodeLimit) {
      this.onNodeLimit = Objects.requireNonNull(onNodeLimit, "onNodeLimit");
      return this;
    }

    /** @return the options */
    public TreeOptions build() {
      return new TreeOptions(this);
    }
  }
}
