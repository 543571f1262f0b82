package dev.agp.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, to show progress there only for people. */
final class Terminal {
  private Terminal() {}

  static boolean isStderrTerminal() {
    try {
      // Linux: fd 2 links to a pseudo-terminal or tty device when it is a terminal.
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception notLinux) {
      return System.console() != null;
    }
  }
}
