package dev.agp.client;

import dev.agp.client.errors.SessionTreeException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import dev.agp.generated.model.SessionSummary;

/**
 * A whole session tree, from {@link SessionService#tree(String, TreeOptions)}: immutable.
 *
 * <pre>{@code
 * SessionTree tree = client.sessions().tree(managerId, TreeOptions.defaults());
 * tree.preOrder().forEach(n -> System.out.println("  ".repeat(n.depth()) + n.id() + " " + n.session().getStatusRaw()));
 * if (tree.hasRepeats()) { ... }
 * }</pre>
 *
 * <h2>The walk contract</h2>
 * {@code tree}, {@code treeAsync} and {@code descendants} walk in depth-first pre-order (a parent before its
 * children, siblings in listing order) and keep the contract of {@link SessionPager} for every child list they
 * read, plus:
 * <ol>
 *   <li><b>Each session once.</b> A session met again (a cycle, or a child of two parents) is reported once
 *       where it reappears ({@link #repeats()}, {@link TreeOptions.Builder#onRepeat}) and not followed.
 *   <li><b>A normal end only on evidence.</b> Every child list ends on evidence or fails the walk with a
 *       {@link SessionTreeException} naming the session whose children could not be read (its cause may be an
 *       {@link dev.agp.client.errors.AgpPaginationException}). Limits are reported, never silent:
 *       {@link #depthLimitReached()}, and {@link #nodeLimitReached()} with
 *       {@link TreeOptions.Builder#onNodeLimit} at {@link TreeOptions#maxNodes()} (default
 *       {@value TreeOptions#DEFAULT_MAX_NODES}).
 *   <li><b>Always ends, never hangs.</b> Every child list has its request budget, the node limit bounds the
 *       walk, no recursion grows with nodes or depth, and any failure fails the walk.
 *   <li><b>No waste.</b> At most {@link TreeOptions#concurrency()} requests are in flight across the whole
 *       walk, and reading ahead is bounded: at most {@code concurrency} read-ahead requests in flight, at most
 *       {@code 4 × concurrency} child lists started for sessions not yet emitted, and the next page of the
 *       child list being emitted once fewer than {@code concurrency} of its children are left in hand.
 *       Closing the stream or cancelling the future cancels every request in flight at once.
 * </ol>
 */
public final class SessionTree {

  private final TreeNode root;
  private final List<RepeatedSession> repeats;
  private final boolean nodeLimitReached;
  private final boolean depthLimitReached;
  private final int size;

  private SessionTree(TreeNode root, List<RepeatedSession> repeats, boolean nodeLimitReached, boolean depthLimitReached) {
    this.root = root;
    this.repeats = List.copyOf(repeats);
    this.nodeLimitReached = nodeLimitReached;
    this.depthLimitReached = depthLimitReached;
    this.size = (int) preOrder().count();
  }

  /**
   * Builds a tree from nodes in pre-order, keeping a node that fails {@code filter} only as an ancestor of
   * one that passes (the root is always kept).
   */
  static SessionTree of(List<SessionNode> preOrder, Predicate<SessionSummary> filter, List<RepeatedSession> repeats,
      boolean nodeLimitReached, boolean depthLimitReached) {
    Map<String, List<SessionNode>> children = new HashMap<>();
    for (SessionNode node : preOrder.subList(1, preOrder.size())) {
      children.computeIfAbsent(node.parentIdOrNull(), k -> new ArrayList<>()).add(node);
    }
    TreeNode root = build(preOrder.get(0), children, filter);
    return new SessionTree(root, repeats, nodeLimitReached, depthLimitReached);
  }

  private static TreeNode build(SessionNode root, Map<String, List<SessionNode>> children, Predicate<SessionSummary> filter) {
    // Iterative post-order, so that a deep tree cannot overflow the stack: children are built before parents.
    Deque<SessionNode> pending = new ArrayDeque<>();
    Deque<SessionNode> parentsLast = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      SessionNode node = pending.pop();
      parentsLast.push(node);
      children.getOrDefault(node.id(), List.of()).forEach(pending::push);
    }
    Map<String, TreeNode> kept = new HashMap<>();
    TreeNode result = null;
    while (!parentsLast.isEmpty()) {
      SessionNode node = parentsLast.pop();
      List<TreeNode> keptChildren = new ArrayList<>();
      for (SessionNode child : children.getOrDefault(node.id(), List.of())) {
        TreeNode built = kept.remove(child.id());
        if (built != null) {
          keptChildren.add(built);
        }
      }
      TreeNode built = new TreeNode(node, keptChildren);
      if (node == root) {
        result = built;
      } else if (!keptChildren.isEmpty() || filter.test(node.session())) {
        kept.put(node.id(), built);
      }
    }
    return result;
  }

  /** @return the root */
  public TreeNode root() {
    return root;
  }

  /** @return how many nodes the tree holds, root included */
  public int size() {
    return size;
  }

  /** @return every node in depth-first pre-order: a parent before its children, siblings in listing order */
  public Stream<TreeNode> preOrder() {
    List<TreeNode> nodes = new ArrayList<>();
    Deque<TreeNode> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      TreeNode node = pending.pop();
      nodes.add(node);
      for (int i = node.children().size() - 1; i >= 0; i--) {
        pending.push(node.children().get(i));
      }
    }
    return nodes.stream();
  }

  /**
   * Finds a node by session id.
   *
   * @param sessionId the id
   * @return the node, if the tree holds it
   */
  public Optional<TreeNode> find(String sessionId) {
    return preOrder().filter(n -> n.id().equals(sessionId)).findFirst();
  }

  /** @return the sessions met again during the walk (cycles, or children of two parents), each not followed */
  public List<RepeatedSession> repeats() {
    return repeats;
  }

  /** @return whether any session was met again */
  public boolean hasRepeats() {
    return !repeats.isEmpty();
  }

  /** @return whether the walk stopped at {@link TreeOptions#maxNodes()} with sessions left unvisited */
  public boolean nodeLimitReached() {
    return nodeLimitReached;
  }

  /**
   * @return whether some node sits at {@link TreeOptions#maxDepth()}: its children, if it has any, were not
   *     listed
   */
  public boolean depthLimitReached() {
    return depthLimitReached;
  }

  /** @return whether either limit cut the walk */
  public boolean truncated() {
    return nodeLimitReached || depthLimitReached;
  }

  @Override
  public String toString() {
    return "SessionTree{root=" + root.id() + ", size=" + size + ", repeats=" + repeats.size()
        + (truncated() ? ", truncated" : "") + "}";
  }
}
