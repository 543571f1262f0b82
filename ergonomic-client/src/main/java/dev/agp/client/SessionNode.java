package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A session's place in a walk of a session tree: the session, its depth (the root is 0) and the id of the
 * session that listed it as a child.
 *
 * @param session the session's summary
 * @param depth 0 for the root, 1 for its children, and so on
 * @param parentIdOrNull the parent's id; {@code null} for the root
 */
public record SessionNode(SessionSummary session, int depth, @Nullable String parentIdOrNull) {

  /**
   * Creates a node.
   *
   * @param session the summary
   * @param depth the depth
   * @param parentIdOrNull the parent's id, or null for the root
   */
  public SessionNode {
    Objects.requireNonNull(session, "session");
  }

  /** @return the session's id */
  public String id() {
    return session.getId();
  }

  /** @return the parent's id; empty for the root */
  public Optional<String> parentId() {
    return Optional.ofNullable(parentIdOrNull);
  }
}
