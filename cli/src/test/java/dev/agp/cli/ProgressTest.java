package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress counter: for a person at a terminal, erased before every row, and off when asked. */
class ProgressTest extends CliTestSupport {

  private Result onTerminal(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(env());
    env.putAll(extraEnv);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = AgpCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, true);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void countsInSingularAndPluralAndEndsErased() {
    Result one = onTerminal(Map.of(), "sessions", "list", "--limit", "1", "-o", "jsonl");
    assertThat(one.err()).isEqualTo("\r\033[K1 session fetched\r\033[K");
    Result three = onTerminal(Map.of(), "sessions", "list", "--limit", "3", "-o", "jsonl");
    assertThat(three.err()).contains("3 sessions fetched").endsWith("\r\033[K");
  }

  @Test
  void plainOutputWhenAskedForIt() {
    assertThat(onTerminal(Map.of(), "--no-progress", "sessions", "list", "--limit", "3").err()).isEmpty();
    assertThat(onTerminal(Map.of("NO_COLOR", "1"), "sessions", "list", "--limit", "3").err()).isEmpty();
    assertThat(onTerminal(Map.of("TERM", "dumb"), "sessions", "tree", "5eed0000-0000-4000-8000-000000000007").err())
        .isEmpty();
  }
}
