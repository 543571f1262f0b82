package dev.agp.cli;

import java.io.PrintWriter;

/** A one-line counter on stderr for long operations, shown only when stderr is a terminal. */
final class Progress implements AutoCloseable {
  private final PrintWriter err;
  private final boolean enabled;
  private final String unit;
  private long count;
  private long lastShown = -1;

  Progress(Context context, String unit) {
    this.err = context.err;
    this.enabled = context.progress;
    this.unit = unit;
  }

  void advance(long by) {
    count += by;
    if (enabled && count != lastShown) {
      err.print("\r" + count + " " + unit + " fetched");
      err.flush();
      lastShown = count;
    }
  }

  @Override
  public void close() {
    if (enabled && lastShown >= 0) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
