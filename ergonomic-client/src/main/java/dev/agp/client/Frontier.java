package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How far a walk over a listing sorted by creation time has got: the last session yielded. Because
 * sessions are yielded in listing order, everything yielded is at or before the frontier, so a session
 * after it has not been yielded, and a session before it either was yielded or appeared during the walk.
 * Only the ids at the frontier's own creation time are remembered (to order sessions created in the same
 * instant), so memory does not grow with the listing.
 */
final class Frontier {
  private final boolean newestFirst;
  private @Nullable OffsetDateTime created;
  private @Nullable String lastId;
  private final Set<String> idsAtCreated = new HashSet<>();

  /** @param newestFirst whether the listing is newest first ({@code -created_at}, the API's default) */
  Frontier(boolean newestFirst) {
    this.newestFirst = newestFirst;
  }

  /** @return whether nothing was yielded yet */
  boolean isEmpty() {
    return created == null;
  }

  /** @return the id of the last session yielded, if any */
  @Nullable String lastId() {
    return lastId;
  }

  /**
   * @return how many sessions were yielded in the frontier's own instant (1 unless some share it): windows
   *     start at least that far before the frontier, so that an answer can start before its instant
   */
  int yieldedAtInstant() {
    return idsAtCreated.size();
  }

  /** @return whether {@code session} comes after the frontier in listing order: it was not yielded */
  boolean isAfter(SessionSummary session) {
    if (created == null) {
      return true;
    }
    int order = compare(session);
    return order > 0 || (order == 0 && !idsAtCreated.contains(session.getId()));
  }

  /**
   * @return whether {@code session} is certainly before the frontier: a page that starts with it overlaps
   *     what was yielded, so nothing between the frontier and the page can be missing. A session created in
   *     the frontier's own instant does not count, even one already yielded: servers need not order sessions
   *     created in the same instant the same way twice, so the page must start before that instant.
   */
  boolean isReachedBy(SessionSummary session) {
    return created == null || compare(session) < 0;
  }

  /** Moves the frontier to {@code session}, which {@link #isAfter} it. */
  void advanceTo(SessionSummary session) {
    OffsetDateTime at = createdAt(session);
    if (created == null || !at.isEqual(created)) {
      idsAtCreated.clear();
      created = at;
    }
    idsAtCreated.add(session.getId());
    lastId = session.getId();
  }

  /** Negative before the frontier, zero at its creation time, positive after it, in listing order. */
  private int compare(SessionSummary session) {
    int byTime = createdAt(session).toInstant().compareTo(created.toInstant());
    return newestFirst ? -byTime : byTime;
  }

  private static OffsetDateTime createdAt(SessionSummary session) {
    OffsetDateTime at = session.getCreatedAt();
    if (at == null) {
      // Pages are checked before the frontier sees them; this is a programming error if reached.
      throw new IllegalStateException("session " + session.getId() + " has no created_at");
    }
    return at;
  }
}
