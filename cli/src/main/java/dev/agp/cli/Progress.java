package dev.agp.cli;

import java.io.PrintWriter;

/**
 * A one-line counter on stderr for long operations, for people only: shown when stderr is a terminal and
 * nobody asked for plain output ({@code --no-progress}, {@code NO_COLOR}, {@code TERM=dumb}). It is redrawn
 * in place and erased ({@code \r} and erase-line) before anything else is written to the terminal, through
 * {@link #clear()}, and when the command ends, so that rows and messages never carry it. Thread-safe:
 * messages may come from a walk's threads.
 */
final class Progress implements AutoCloseable {
  private static final String ERASE_LINE = "\r\033[K";

  private final PrintWriter err;
  private final boolean enabled;
  private final String unit;
  private long count;
  private boolean shown;
  /** Set when the process is going away (Ctrl-C): nothing is drawn after the last erase. */
  private boolean stopped;

  /**
   * @param err the terminal's stderr
   * @param enabled whether to draw at all
   * @param unit the counted thing, singular ({@code session})
   */
  Progress(PrintWriter err, boolean enabled, String unit) {
    this.err = err;
    this.enabled = enabled;
    this.unit = unit;
  }

  /** Counts and redraws: {@code 1 session fetched}, {@code 2 sessions fetched}. */
  synchronized void advance(long by) {
    count += by;
    if (enabled && !stopped) {
      err.print(ERASE_LINE + count + " " + unit + (count == 1 ? "" : "s") + " fetched");
      err.flush();
      shown = true;
    }
  }

  /** Erases the counter, if shown, so that the next write starts on a clean line; the next advance redraws it. */
  synchronized void clear() {
    if (shown) {
      err.print(ERASE_LINE);
      err.flush();
      shown = false;
    }
  }

  /**
   * Writes a message on stderr on a clean line.
   *
   * @param line the message
   */
  synchronized void note(String line) {
    clear();
    err.println(line);
    err.flush();
  }

  /** Erases the counter for good: the process is exiting, perhaps interrupted (Ctrl-C) mid-walk. */
  synchronized void stop() {
    clear();
    stopped = true;
  }

  @Override
  public void close() {
    clear();
  }
}
