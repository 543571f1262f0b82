package dev.agp.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

  /**
   * @param env the environment, for {@code COLUMNS} and {@code LINES} when the terminal cannot be asked
   * @return the terminal's {columns, lines}: asked of {@code stty size} on /dev/tty, else the variables, else 80 x 24
   */
  static int[] size(Map<String, String> env) {
    try {
      Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0 && answer.matches("\\d+ \\d+")) {
        String[] rowsColumns = answer.split(" ");
        return new int[] {Integer.parseInt(rowsColumns[1]), Integer.parseInt(rowsColumns[0])};
      }
    } catch (IOException | RuntimeException e) {
      // No stty, or no terminal to ask: the variables, or the classic size.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new int[] {number(env.get("COLUMNS"), 80), number(env.get("LINES"), 24)};
  }

  private static int number(String value, int otherwise) {
    try {
      return value == null ? otherwise : Math.max(1, Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return otherwise;
    }
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
