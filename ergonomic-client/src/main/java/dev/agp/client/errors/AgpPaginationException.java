package dev.agp.client.errors;

/**
 * A walk (an auto-paged listing, a child list, a session tree) stopped without evidence that it had seen
 * everything: the server's answers were inconsistent, or the listing changed faster than it could be
 * paged through within the walk's request budget. Everything yielded before it was thrown is correct and
 * yielded once; what is missing is unknown, so the walk fails rather than end as if complete.
 *
 * <p>The message says what happened in numbers: pages read, sessions yielded, the totals the server
 * reported, and the budget where one applies.
 */
public class AgpPaginationException extends AgpException {

  private static final long serialVersionUID = 1L;

  /** Why a walk stopped early. */
  public enum Reason {
    /** The walk used up its request budget, which scales with the listing as first seen. */
    BUDGET_EXHAUSTED,
    /** The server reported a negative {@code total}. */
    NEGATIVE_TOTAL,
    /** A page listed the same session more than once. */
    REPEATED_IDS,
    /** Pages came back with sessions already yielded while nothing explains it: the server repeats pages. */
    REPEATED_PAGES,
    /** The listing ended far below what it held during the walk: more than half of it disappeared. */
    LISTING_SHRANK,
    /** A page's size disagreed with the server's own {@code total}, twice in a row. */
    INCONSISTENT_TOTAL,
    /** A page was not in the creation-time order the walk asked for, or a session had no creation time. */
    UNORDERED_PAGE,
    /** A page held more sessions than were asked for. */
    OVERSIZED_PAGE
  }

  private final Reason reason;
  private final long pagesRead;
  private final long sessionsYielded;

  /**
   * Creates an exception.
   *
   * @param reason why the walk stopped
   * @param message what happened, in numbers
   * @param pagesRead how many page answers the walk had read
   * @param sessionsYielded how many sessions the walk had yielded
   */
  public AgpPaginationException(Reason reason, String message, long pagesRead, long sessionsYielded) {
    super(message, null);
    this.reason = reason;
    this.pagesRead = pagesRead;
    this.sessionsYielded = sessionsYielded;
  }

  /** @return why the walk stopped */
  public Reason reason() {
    return reason;
  }

  /** @return how many page answers the walk had read when it stopped */
  public long pagesRead() {
    return pagesRead;
  }

  /** @return how many sessions the walk had yielded when it stopped, each exactly once */
  public long sessionsYielded() {
    return sessionsYielded;
  }
}
