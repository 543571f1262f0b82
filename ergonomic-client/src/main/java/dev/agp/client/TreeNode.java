package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.util.List;
import java.util.Objects;

/**
 * A node of a {@link SessionTree}: a session's place in the tree and its children, in the API's listing
 * order (newest first).
 *
 * @param node the session, its depth and its parent's id
 * @param children the child nodes (unmodifiable)
 */
public record TreeNode(SessionNode node, List<TreeNode> children) {

  /**
   * Creates a node.
   *
   * @param node the session's place
   * @param children the children
   */
  public TreeNode {
    Objects.requireNonNull(node, "node");
    children = List.copyOf(children);
  }

  /** @return the session's summary */
  public SessionSummary session() {
    return node.session();
  }

  /** @return the session's id */
  public String id() {
    return node.id();
  }

  /** @return the depth: 0 for the root */
  public int depth() {
    return node.depth();
  }
}
