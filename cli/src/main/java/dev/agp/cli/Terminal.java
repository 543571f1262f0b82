package dev.agp.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the standard streams are connected to, read from the file type of {@code /dev/fd/N} (Linux and
 * macOS): progress is drawn only for a person at a terminal, and a failed write to a pipe means its reader
 * went away.
 */
final class Terminal {
  private static final int TYPE_MASK = 0170000;
  private static final int FIFO = 0010000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int SOCKET = 0140000;

  private Terminal() {}

  /**
   * @return whether standard error is a character device: a terminal, or a device that discards what it is
   *     given ({@code 2>/dev/null}), where progress does no harm; false when it cannot be told
   */
  static boolean isStderrTerminal() {
    return type(2) == CHARACTER_DEVICE;
  }

  /** @return whether standard output is a character device: a terminal, where a view may be redrawn in place */
  static boolean isStdoutTerminal() {
    return type(1) == CHARACTER_DEVICE;
  }

  /**
   * @return whether standard output is a pipe or a socket: its reader may be a pager drawing on the terminal
   *     ({@code | less}), and a failed write means the reader went away
   */
  static boolean isStdoutPipe() {
    int type = type(1);
    return type == FIFO || type == SOCKET;
  }

  /** @return the file type bits of a standard stream, or -1 when the platform cannot tell */
  private static int type(int fd) {
    try {
      return (Integer) Files.getAttribute(Path.of("/dev/fd/" + fd), "unix:mode") & TYPE_MASK;
    } catch (Exception | LinkageError unknown) {
      return -1;
    }
  }
}
