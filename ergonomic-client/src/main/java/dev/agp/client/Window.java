package dev.agp.client;

/**
 * One page request of a walk, as a range of listing positions: page {@code page} of size {@code size}
 * covers positions {@code [(page - 1) * size, page * size)}.
 *
 * <p>Each request after a walk's first must overlap what the walk already has: it must contain the
 * position of the last session yielded, so that the answer itself proves that nothing between the two
 * requests was missed, whatever was inserted or deleted in between. With page numbers the only way to
 * overlap is to vary the page size; {@link #containing} picks the size that reaches furthest.
 *
 * @param page the page number, from 1
 * @param size the page size
 */
record Window(int page, int size) {

  /** The API's page-size cap for this endpoint: no window is larger unless the caller asked for more. */
  static final int MAX_SIZE = Paging.MAX_PAGE_SIZE;

  /** @return the first position the window covers */
  long start() {
    return (long) (page - 1) * size;
  }

  /** @return the position after the last one the window covers */
  long end() {
    return (long) page * size;
  }

  /**
   * The window that contains both {@code position - margin} and {@code position} and reaches furthest
   * beyond {@code position}, among sizes 2 to {@code pageSize}; when none of them reaches past
   * {@code position}, among sizes up to twice {@code pageSize}; failing that, the smallest larger size that
   * does, up to {@link #MAX_SIZE}. The larger size wins a tie, for a larger margin.
   *
   * @param position where the last session yielded is expected, 0 or more
   * @param margin how many positions before it to cover as well, for sessions deleted in between
   * @param pageSize the page size in effect
   * @return the window
   */
  static Window containing(long position, long margin, int pageSize) {
    Window best = bestAmong(position, margin, 2, Math.max(2, pageSize));
    if (best.end() <= position + 1 && pageSize < MAX_SIZE) {
      // No size up to pageSize goes on past position (the margin is most of a page, for sessions created in
      // one instant, or every size ends right there): the furthest-reaching size up to twice the page size.
      best = bestAmong(position, margin, pageSize + 1, Math.min(MAX_SIZE, 2 * pageSize));
      // Failing that, the smallest larger size that goes on, up to the cap.
      for (int size = 2 * pageSize + 1; best.end() <= position + 1 && size <= MAX_SIZE; size++) {
        best = bestAmong(position, margin, size, size);
      }
    }
    return best;
  }

  private static Window bestAmong(long position, long margin, int smallest, int largest) {
    long from = Math.max(0, position - margin);
    Window best = null;
    for (int size = largest; size >= smallest; size--) {
      long page = from / size + 1;
      if (page * size <= position || page > Integer.MAX_VALUE) {
        continue;
      }
      Window candidate = new Window((int) page, size);
      if (best == null || candidate.end() > best.end()) {
        best = candidate;
      }
    }
    if (best == null) {
      // The margin is wider than any size: cover the margin's start; the next window goes on from there.
      return new Window((int) Math.min(Integer.MAX_VALUE, from / largest + 1), largest);
    }
    return best;
  }
}
