package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A plain session command ({@code agp --timeout 5 sessions list …}) is run with only its own command built:
 * what it prints and its exit code must be exactly what the whole tree gives.
 */
class SessionCommandShortcutTest extends CliTestSupport {

  private static final Set<String> SESSION_COMMANDS = Set.of("list", "get", "status", "tree", "wait", "watch");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "none", value = {
      "sessions list                          | list",
      "sessions tree x --max-nodes 2          | tree",
      "--request-timeout 5 sessions get x     | get",
      "--request-timeout=5 sessions --verbose status | status",
      "--timeout 5 sessions get x             | none",
      "sessions wait x --tree                 | wait",
      "--base-url http://h sessions list      | list",
      "--region sessions list                 | none",
      "--region sandbox sessions list         | none",
      "--region=sandbox sessions list         | list",
      "--help sessions list                   | none",
      "-V sessions list                       | none",
      "-- sessions list                       | none",
      "--bogus sessions list                  | none",
      "sessions help list                     | none",
      "sessions                               | none",
      "sandbox                                | none",
      "help sessions list                     | none",
      "sessions lst                           | none"})
  void onlyAPlainSessionCommandIsTakenAsOne(String commandLine, String expected) {
    CommandSpec agp = new AgpCommand(context()).spec;
    assertThat(AgpCli.sessionCommand(commandLine.trim().split(" +"), agp, SESSION_COMMANDS)).isEqualTo(expected);
  }

  @Test
  void theCommandNamesAreThoseOfTheTree() {
    Set<String> names = new java.util.HashSet<>();
    collect(AgpCli.commandLine(context(), ListSessionsParams.PARAMETERS), names);
    assertThat(AgpCli.COMMAND_NAMES).isEqualTo(names);
  }

  private static void collect(picocli.CommandLine command, Set<String> names) {
    command.getSubcommands().forEach((name, sub) -> {
      names.add(name);
      collect(sub, names);
    });
  }

  @Test
  void everyCommandLineBehavesAsWithTheWholeTree() {
    String[] before = {"--verbose", "--timeout", "7", "--request-timeout=7", "--request-timeout", "--max-retries", "0", "--region", "--bogus", "--",
        "-h", "-V", "--no-progress", "--concurrency=2", "--base-url"};
    String[] words = {"sessions", "list", "get", "status", "tree", "help", "sandbox", "completion", "lst"};
    String[] after = {"--size", "1", "-o", "json", "--format=jsonl", "--limit", "2", "--all", "--help", "x",
        "deadbeef-0000-4000-8000-000000000001", "--max-nodes", "3", "--verbose", "--status", "running", "-V",
        "--sort", "nope", "--bogus", "--timeout", "0"};
    long seed = Long.getLong("agp.seed", System.nanoTime());
    Random random = new Random(seed);
    int shortcuts = 0;
    for (int run = 0; run < 300; run++) {
      List<String> args = new ArrayList<>();
      pick(random, before, random.nextInt(3), args);
      pick(random, words, 1 + random.nextInt(2), args);
      if (random.nextInt(4) > 0) {
        args.set(args.size() - (args.size() > 1 && random.nextBoolean() ? 2 : 1), "sessions");
        // Not wait or watch: against the static sandbox they would wait for their deadline.
        args.add(List.of("list", "get", "status", "tree").get(random.nextInt(4)));
      }
      pick(random, after, random.nextInt(4), args);
      String[] line = args.toArray(String[]::new);
      if (runsTheSandbox(line)) {
        continue; // it would serve until interrupted
      }
      if (AgpCli.sessionCommand(line, new AgpCommand(context()).spec, SESSION_COMMANDS) != null) {
        shortcuts++;
      }
      Result shortcut = run(line, false);
      Result whole = run(line, true);
      assertThat(shortcut).as("seed %d (-Dagp.seed=%d): agp %s", seed, seed, String.join(" ", line)).isEqualTo(whole);
    }
    assertThat(shortcuts).as("command lines that took the shortcut, seed %d", seed).isGreaterThan(50);
  }

  private boolean runsTheSandbox(String[] line) {
    try {
      picocli.CommandLine.ParseResult parsed = AgpCli.commandLine(context(), ListSessionsParams.PARAMETERS).parseArgs(line);
      for (picocli.CommandLine.ParseResult command = parsed; command != null; command = command.subcommand()) {
        if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
          return false;
        }
      }
      return parsed.asCommandLineList().stream().anyMatch(c -> c.getCommandName().equals("sandbox"));
    } catch (picocli.CommandLine.ParameterException usageError) {
      return false;
    }
  }

  private static void pick(Random random, String[] from, int count, List<String> into) {
    for (int i = 0; i < count; i++) {
      into.add(from[random.nextInt(from.length)]);
    }
  }

  private Result run(String[] args, boolean wholeTree) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = AgpCli.run(new Context(new PrintWriter(out, true), new PrintWriter(err, true), env(), false),
        args, wholeTree);
    // A logged response's duration may differ, and so may the order of log lines of concurrent requests
    // (tree --verbose): stderr is compared as its sorted lines.
    String log = err.toString().replaceAll("\\(\\d+ ms\\)", "(? ms)");
    return new Result(exit, out.toString(), log.lines().sorted().collect(java.util.stream.Collectors.joining("\n")));
  }

  private Context context() {
    return new Context(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), false);
  }
}
