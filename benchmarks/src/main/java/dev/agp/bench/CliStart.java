package dev.agp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.tools.ToolProvider;

/**
 * Case 8: the command-line tool's cold start. Each side is a new process: {@code ./agp sessions list} (one
 * page, against the benchmark's server, a process of its own on loopback, exactly as people run it: the
 * launcher with its class-data sharing archive and JVM options), and a JVM that prints one line. Each
 * returns the lines it printed, which the caller checks.
 */
final class CliStart {

  private final Path launcher;
  private final Path hello;
  private final String baseUrl;

  private CliStart(Path launcher, Path hello, String baseUrl) {
    this.launcher = launcher;
    this.hello = hello;
    this.baseUrl = baseUrl;
  }

  /**
   * @param launcher the repository's {@code agp} script
   * @param baseUrl the server to list from
   * @return the two sides, once the launcher built its jar and archive (a run not measured)
   */
  static CliStart prepare(Path launcher, String baseUrl) throws IOException {
    if (!Files.isExecutable(launcher)) {
      throw new IllegalStateException(launcher + " is not the agp launcher (set -Dagp.launcher)");
    }
    Path hello = Files.createTempDirectory("agp-bench-hello");
    Files.writeString(hello.resolve("Hello.java"),
        "public class Hello { public static void main(String[] args) { System.out.println(\"hello\"); } }");
    if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", hello.toString(),
        hello.resolve("Hello.java").toString()) != 0) {
      throw new IllegalStateException("cannot compile the one-line program");
    }
    CliStart start = new CliStart(launcher, hello, baseUrl);
    start.cli().getAsLong();
    return start;
  }

  /** @return the CLI side: 1 when it printed what it should (a header and 10 rows), else the lines it printed */
  LongSupplier cli() {
    return () -> {
      long lines = run(List.of(launcher.toString(), "sessions", "list", "--size", "10"),
          Map.of("H_API_KEY", "bench-key", "AGP_BASE_URL", baseUrl));
      return lines == 11 ? 1 : lines;
    };
  }

  /** @return the baseline side: a JVM that prints one line */
  LongSupplier hello() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return () -> run(List.of(java.toString(), "-cp", hello.toString(), "Hello"), Map.of());
  }

  private static long run(List<String> command, Map<String, String> env) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().putAll(env);
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out.lines().count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
