package dev.agp.cli;

import dev.agp.client.AgpClient;
import dev.agp.sandbox.AgpSandbox;
import java.io.PrintWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What one run of the tool shares: its streams, its environment, and what it started (to close it). */
final class Context {
  final PrintWriter out;
  final PrintWriter err;
  final Map<String, String> env;
  final boolean stderrIsTerminal;
  @Nullable AgpClient client;
  @Nullable AgpSandbox sandbox;

  Context(PrintWriter out, PrintWriter err, Map<String, String> env, boolean progress) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.stderrIsTerminal = progress;
  }

  /** Whether stdout is a terminal, where {@code sessions watch} redraws its tree in place. */
  volatile boolean stdoutIsTerminal;

  /** The progress counter on the terminal now, if any: messages from other threads erase it first. */
  volatile @Nullable Progress progress;

  /**
   * Writes a message line on stderr, erasing the progress counter first if one is shown.
   *
   * @param line the message
   */
  void note(String line) {
    Progress shown = progress;
    if (shown != null) {
      shown.note(line);
    } else {
      synchronized (err) {
        err.println(line);
      }
    }
  }

  /** Erases the progress counter if one is shown (at exit, after Ctrl-C too). */
  void eraseProgress() {
    Progress shown = progress;
    if (shown != null) {
      shown.stop();
    }
  }

  @Nullable String env(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value;
  }

  void close() {
    if (client != null) {
      client.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
