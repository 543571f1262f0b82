package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Window}: the range arithmetic and the choice of the next overlapping window. */
class WindowTest {

  private static final long MAX_PAGE = Integer.MAX_VALUE;

  @Test
  void startAndEndCoverThePagesPositions() {
    assertThat(new Window(1, 10).start()).isZero();
    assertThat(new Window(1, 10).end()).isEqualTo(10);
    assertThat(new Window(3, 10).start()).isEqualTo(20);
    assertThat(new Window(3, 10).end()).isEqualTo(30);
    assertThat(new Window(2, 99).start()).isEqualTo(99);
    assertThat(new Window(2, 99).end()).isEqualTo(198);
    assertThat(new Window(7, 1).start()).isEqualTo(6);
    assertThat(new Window(7, 1).end()).isEqualTo(7);
  }

  @Test
  void startAndEndDoNotOverflowForTheLargestPage() {
    Window last = new Window(Integer.MAX_VALUE, 100);

    assertThat(last.start()).isEqualTo((MAX_PAGE - 1) * 100);
    assertThat(last.end()).isEqualTo(MAX_PAGE * 100);
    assertThat(last.end() - last.start()).isEqualTo(100);
  }

  @Test
  void maxSizeIsTheApisCap() {
    assertThat(Window.MAX_SIZE).isEqualTo(100);
  }

  @ParameterizedTest(name = "containing({0}, {1}, {2}) == Window({3}, {4})")
  @CsvSource({
      // position, margin, pageSize, page, size
      // The furthest end among sizes up to the page size.
      "0, 0, 100, 1, 100",
      "99, 0, 100, 2, 99",
      "197, 0, 100, 3, 98",
      "100, 0, 100, 2, 100",
      // Ties: size 10 and size 5 both end at 10; the larger size wins.
      "5, 0, 10, 1, 10",
      // A margin: the window must also contain position - margin.
      "10, 1, 5, 3, 4",
      "10, 2, 5, 3, 4",
      // No size up to 5 holds both 7 and 10: the furthest-reaching one up to 10 that does.
      "10, 3, 5, 2, 7",
      // Every size up to 3 ends exactly after the position: the furthest-reaching size up to 6.
      "5, 0, 3, 2, 5",
      "11, 0, 3, 3, 5",
      // No size up to 10 holds both 95 and 100: the furthest-reaching one up to 20.
      "100, 5, 10, 6, 19",
      // Nothing up to twice the page size holds the margin: the smallest larger size that does and goes on.
      "50, 10, 5, 4, 13",
      // The margin wider than the page size: a size that holds it, up to the cap.
      "10, 10, 5, 1, 12",
      "11, 11, 3, 1, 13",
      "11, 12, 3, 1, 13",
      // Wider than the cap: the cap, from the margin's start.
      "1000, 1000, 5, 1, 100",
      "1000, 990, 5, 1, 100",
      "1000, 850, 5, 2, 100",
      // Wider than the page size when it is the cap already: the page size, from the margin's start.
      "1000, 500, 100, 6, 100",
      "1000, 500, 150, 4, 150",
      // Page size 1: windows of 2, larger when 2 makes no progress.
      "0, 0, 1, 1, 2",
      "1, 0, 1, 1, 3",
      "2, 0, 1, 2, 2",
      "3, 0, 1, 2, 3",
      "4, 0, 1, 3, 2",
      // Page size 2.
      "0, 0, 2, 1, 2",
      "1, 0, 2, 1, 4",
      "2, 0, 2, 2, 2",
      "3, 0, 2, 2, 3",
      // Page sizes above the cap are kept.
      "0, 0, 150, 1, 150",
      "149, 0, 150, 2, 149",
      // Page numbers stay ints: sizes whose page would pass Integer.MAX_VALUE are not used...
      "19327352814, 0, 10, 2147483647, 9",
      "19327352819, 0, 10, 2147483647, 9",
      // ...and when every size's would, the last page of the largest size.
      "300000000000, 0, 100, 2147483647, 100",
      "214748364600, 0, 100, 2147483647, 100",
  })
  void containingPicksTheseWindows(long position, long margin, int pageSize, int page, int size) {
    assertThat(Window.containing(position, margin, pageSize)).isEqualTo(new Window(page, size));
  }

  @Test
  void withoutAMarginTheWindowContainsThePositionAndGoesBeyondIt() {
    for (int pageSize : new int[] {1, 2, 3, 4, 5, 7, 10, 25, 50, 99, 100, 101}) {
      for (long position = 0; position <= 3000; position++) {
        Window window = Window.containing(position, 0, pageSize);
        assertThat(window.start()).as("start of %s for %d/%d", window, position, pageSize).isLessThanOrEqualTo(position);
        assertThat(window.end()).as("end of %s for %d/%d", window, position, pageSize).isGreaterThan(position + 1);
        assertThat(window.size()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(Math.max(Window.MAX_SIZE, pageSize));
      }
    }
  }

  @Test
  void sizesAboveThePageSizeOnlyWhenNoSizeUpToItMakesProgress() {
    for (int pageSize = 2; pageSize <= 12; pageSize++) {
      for (long position = 0; position <= 3000; position++) {
        Window window = Window.containing(position, 0, pageSize);
        if (window.size() > pageSize) {
          for (int size = 2; size <= pageSize; size++) {
            assertThat(windowOfSizeFrom(position, size).end())
                .as("size %d for %d/%d", size, position, pageSize).isEqualTo(position + 1);
          }
        }
      }
    }
  }

  @Test
  void containingMatchesItsSpecificationEverywhere() {
    int[] pageSizes = {1, 2, 3, 4, 5, 6, 7, 10, 13, 25, 99, 100, 150};
    for (int pageSize : pageSizes) {
      for (long margin = 0; margin <= 14; margin++) {
        for (long position = 0; position <= 700; position++) {
          check(position, margin, pageSize);
        }
      }
      for (long margin : new long[] {0, 1, 7, 99, 100, 250}) {
        for (long position : new long[] {
            1_000_000, 1_000_001, 123_456_789, 19_327_352_800L, 19_327_352_814L, 92_341_796_778L,
            (MAX_PAGE - 1) * 100, MAX_PAGE * 100 - 1, MAX_PAGE * 100, MAX_PAGE * 150, Long.MAX_VALUE / 2}) {
          check(position, margin, pageSize);
        }
      }
    }
  }

  private static void check(long position, long margin, int pageSize) {
    assertThat(Window.containing(position, margin, pageSize))
        .as("containing(%d, %d, %d)", position, margin, pageSize)
        .isEqualTo(specified(position, margin, pageSize));
  }

  /**
   * The documented choice, by brute force: among windows of sizes 2 to {@code pageSize} that contain both
   * {@code position - margin} and {@code position}, the one that ends furthest (the larger size on a tie);
   * if none goes beyond {@code position}, the same among sizes up to twice the page size; then the smallest
   * larger size, up to the cap, that holds both and does; and when nothing fits, the window of the largest
   * size tried that holds {@code position - margin}.
   */
  private static Window specified(long position, long margin, int pageSize) {
    long from = Math.max(0, position - margin);
    Window best = furthest(from, position, 2, Math.max(2, pageSize));
    if (best.end() > position + 1 || pageSize >= Window.MAX_SIZE) {
      return best;
    }
    best = furthest(from, position, pageSize + 1, Math.min(Window.MAX_SIZE, 2 * pageSize));
    if (best.end() > position + 1) {
      return best;
    }
    for (int size = 2 * pageSize + 1; size <= Window.MAX_SIZE; size++) {
      Window w = holding(from, position, size);
      if (w != null && w.end() > position + 1) {
        return w;
      }
    }
    return windowOfSizeFrom(from, Window.MAX_SIZE);
  }

  /** Among sizes lo to hi, the window holding both that ends furthest (larger size on a tie), else size hi from {@code from}. */
  private static Window furthest(long from, long position, int lo, int hi) {
    Window best = null;
    for (int size = lo; size <= hi; size++) {
      Window w = holding(from, position, size);
      if (w != null && (best == null || w.end() >= best.end())) {
        best = w;
      }
    }
    return best != null ? best : windowOfSizeFrom(from, hi);
  }

  /** The window of {@code size} that contains {@code from}, if it contains {@code position} too and its page is an int. */
  private static @Nullable Window holding(long from, long position, int size) {
    long page = from / size + 1;
    if (page > MAX_PAGE) {
      return null;
    }
    Window w = new Window((int) page, size);
    return w.start() <= from && w.end() > position ? w : null;
  }

  /** The window of {@code size} that contains {@code position}, its page capped at Integer.MAX_VALUE. */
  private static Window windowOfSizeFrom(long position, int size) {
    return new Window((int) Math.min(MAX_PAGE, position / size + 1), size);
  }
}
