package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agp.sandbox.AgpSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged CLI in a real pseudo-terminal (tmux): the progress counter is drawn while the command runs
 * (tmux's raw byte stream shows it) and is gone from the rendered screen, where every row starts with an id.
 * Needs tmux; {@code .ci/run} installs it and checks that this test ran rather than skipped.
 */
class TerminalIT {

  private static final Pattern ROW = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b.*");
  private static final String SOCKET = "agp-terminal-it-" + ProcessHandle.current().pid();
  private static final String DONE = "__AGP_DONE__";

  @TempDir Path dir;

  @AfterEach
  void killTmux() throws Exception {
    run(List.of("tmux", "-L", SOCKET, "kill-server"), 10);
  }

  @Test
  void listAllOnATerminalLeavesOnlyRows() throws Exception {
    List<String> screen = onTerminal("--sandbox sessions list --all --size 20");
    List<String> output = screen.subList(0, screen.indexOf(DONE));
    assertThat(output.get(0)).startsWith("agp: using the embedded sandbox");
    assertThat(output.get(1)).startsWith("ID  ");
    assertThat(output.subList(2, output.size())).hasSizeGreaterThan(100)
        .allSatisfy(line -> assertThat(line).matches(ROW).doesNotContain("fetched"));
  }

  @Test
  void outputPipedToAReaderThatMayDrawOnTheTerminalGetsNoProgress() throws Exception {
    // | less would have the counter drawn over its screen; cat stands for it here.
    List<String> screen = onTerminal("--sandbox sessions list --all --size 20 | cat", false);
    assertThat(screen.subList(0, screen.indexOf(DONE))).hasSizeGreaterThan(100)
        .noneSatisfy(line -> assertThat(line).contains("fetched"));
    assertThat(Files.readString(dir.resolve("raw.log"), StandardCharsets.ISO_8859_1)).doesNotContain("fetched");
  }

  @Test
  void ctrlCDuringAWalkLeavesNoCounterOnTheScreen() throws Exception {
    try (AgpSandbox slow = AgpSandbox.start()) {
      slow.faults().latency(java.time.Duration.ofMillis(200));
      // The shell traps INT (a handler, not an ignore, which the JVM would inherit), so that it goes on to
      // print DONE after the JVM's exit.
      start("trap : INT; env H_API_KEY=" + slow.apiKey() + " AGP_BASE_URL=" + slow.baseUrl() + " TERM=xterm-256color "
          + java() + " -jar " + jar() + " sessions list --all --size 5 --concurrency 1 > /dev/null");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(dir.resolve("raw.log"), StandardCharsets.ISO_8859_1).contains("sessions fetched")
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(run(List.of("tmux", "-L", SOCKET, "send-keys", "-t", "agp", "C-c"), 10)).isZero();
      String captured = awaitDone();
      List<String> screen = captured.lines().map(String::stripTrailing).filter(line -> !line.isEmpty()).toList();
      // A counter left behind shares its line with what the shell prints next: look at every line.
      assertThat(screen).as("the screen after Ctrl-C").anySatisfy(line -> assertThat(line).contains(DONE))
          .noneSatisfy(line -> assertThat(line).contains("fetched"));
      assertThat(slow.requests().size()).as("interrupted mid-walk, not after it").isLessThan(100);
    }
  }

  @Test
  void treeOnATerminalLeavesOnlyItsLines() throws Exception {
    List<String> screen = onTerminal("--sandbox sessions tree deadbeef-0000-4000-8000-000000000001");
    List<String> output = screen.subList(0, screen.indexOf(DONE));
    assertThat(output.get(0)).startsWith("agp: using the embedded sandbox");
    assertThat(output.subList(1, output.size())).hasSize(121)
        .allSatisfy(line -> assertThat(line.stripLeading()).matches(ROW).doesNotContain("fetched"));
  }

  @Test
  void watchRedrawsItsTreeInPlaceAndLeavesOnlyTheFinalOne() throws Exception {
    try (AgpSandbox live = AgpSandbox.builder().live(java.time.Duration.ofSeconds(3)).start()) {
      String manager = AgpSandbox.LIVE_MANAGER_IDS.get(0);
      start("env H_API_KEY=" + live.apiKey() + " AGP_BASE_URL=" + live.baseUrl() + " TERM=xterm-256color " + java()
          + " -jar " + jar() + " sessions watch " + manager + " --poll-interval 100ms; echo exit=$?");
      String captured = awaitDone();
      List<String> screen = captured.lines().map(String::stripTrailing).filter(line -> !line.isEmpty()).toList();
      List<String> output = screen.subList(0, screen.indexOf("exit=3"));
      // The final tree, once: 12 sessions and a summary line; no frame of the live view left behind.
      assertThat(output).hasSize(13);
      assertThat(output.subList(0, 12)).allSatisfy(line -> assertThat(line.stripLeading()).matches(ROW));
      assertThat(output.get(0)).startsWith(manager + "  completed");
      assertThat(output.get(12)).matches("12 sessions, \\d+ failed, \\d+s");
      assertThat(output).noneSatisfy(line -> assertThat(line).contains("watching"));
      assertThat(Files.readString(dir.resolve("raw.log"), StandardCharsets.ISO_8859_1))
          .as("the live view was drawn and redrawn in place").contains("watching " + manager).contains("\033[2K");
    }
  }

  /** Runs agp with these arguments in a fresh tmux pane; returns the rendered screen and scrollback, trimmed. */
  private List<String> onTerminal(String arguments) throws Exception {
    return onTerminal(arguments, true);
  }

  private List<String> onTerminal(String arguments, boolean progressExpected) throws Exception {
    start("unset H_API_KEY HAI_API_KEY AGP_BASE_URL NO_COLOR; TERM=xterm-256color " + java() + " -jar " + jar() + " "
        + arguments);
    String captured = awaitDone();
    if (progressExpected) {
      assertThat(Files.readString(dir.resolve("raw.log"), StandardCharsets.ISO_8859_1)).as("progress was drawn while it ran")
          .contains("sessions fetched").contains("\r\033[K");
    }
    return captured.lines().map(String::stripTrailing).filter(line -> !line.isEmpty()).toList();
  }

  /** Starts a shell command in a fresh tmux pane whose raw output goes to raw.log; prints DONE when it ends. */
  private void start(String command) throws Exception {
    assumeTrue(run(List.of("tmux", "-V"), 10) == 0, "tmux is not installed (.ci/run installs it)");
    Path go = dir.resolve("go");
    Path raw = dir.resolve("raw.log");
    Files.writeString(raw, "");
    String script = "while [ ! -f " + go + " ]; do sleep 0.05; done; " + command + "; echo " + DONE + "; sleep 60";
    assertThat(run(List.of("tmux", "-L", SOCKET, "-f", "/dev/null", "new-session", "-d", "-s", "agp", "-x", "200",
        "-y", "50", "sh", "-c", script), 10)).isZero();
    run(List.of("tmux", "-L", SOCKET, "set-option", "-g", "history-limit", "10000"), 10);
    assertThat(run(List.of("tmux", "-L", SOCKET, "pipe-pane", "-o", "-t", "agp", "cat >> " + raw), 10)).isZero();
    Files.createFile(go);
  }

  private String awaitDone() throws Exception {
    String captured = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!captured.contains(DONE) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      captured = capture();
    }
    assertThat(captured).as("the command finished on the terminal").contains(DONE);
    return captured;
  }

  private static Path jar() {
    return Path.of(System.getProperty("agp.jar", "target/agp.jar")).toAbsolutePath();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String capture() throws Exception {
    Path out = dir.resolve("screen.txt");
    run(List.of("tmux", "-L", SOCKET, "capture-pane", "-p", "-J", "-S", "-", "-t", "agp"), 10, out);
    return Files.readString(out);
  }

  private static int run(List<String> command, long seconds) throws Exception {
    return run(command, seconds, null);
  }

  private static int run(List<String> command, long seconds, Path out) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (out != null) {
      builder.redirectOutput(out.toFile());
    } else {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException notInstalled) {
      return -1;
    }
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }
}
