package dev.agp.cli;

import dev.agp.client.WaitEvent;
import dev.agp.client.WaitOptions;
import dev.agp.client.WaitResult;
import dev.agp.generated.model.ModelUsage;
import dev.agp.generated.model.SessionStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** What {@code sessions wait} and {@code sessions watch} share: their options, exit codes and rows. */
final class Waits {

  /** Exit code: a session ended failed, timed_out or interrupted (or disappeared). */
  static final int FAILED = 3;
  /** Exit code: the --timeout passed before every session was terminal. */
  static final int DEADLINE = 4;

  private Waits() {}

  /** Adds --timeout and --poll-interval. */
  static void addOptions(CommandSpec spec) {
    spec.addOption(CommandSpecs.option("DURATION", String.class, "--timeout")
        .description("How long to wait at most, such as 90s, 30m or 1h30m (default 30m); then exit code 4.")
        .defaultValue("30m").build());
    spec.addOption(CommandSpecs.option("DURATION", String.class, "--poll-interval")
        .description("First interval between two polls of a session (default 1s); it grows x1.5 to 15s while "
            + "nothing changes, and starts again on a change.").defaultValue("1s").build());
  }

  static WaitOptions options(CommandSpec spec, AgpCommand root, Consumer<WaitEvent> listener) {
    Duration deadline = Durations.parse(spec, "--timeout", CommandSpecs.value(spec, "--timeout"), Duration.ofMillis(1),
        Duration.ofDays(7));
    Duration poll = Durations.parse(spec, "--poll-interval", CommandSpecs.value(spec, "--poll-interval"),
        Duration.ofMillis(10), Duration.ofMinutes(15));
    Duration max = poll.compareTo(WaitOptions.DEFAULT_MAX_POLL_INTERVAL) > 0 ? poll : WaitOptions.DEFAULT_MAX_POLL_INTERVAL;
    return WaitOptions.builder().deadline(deadline).pollInterval(poll).maxPollInterval(max)
        .maxInFlight(root.concurrency()).onChange(listener).build();
  }

  /** Says on stderr that the --timeout passed, and what was still pending. */
  static void noteDeadline(Context context, WaitResult partial) {
    context.err.println("agp: " + partial.pending().size() + " of " + partial.parents().size()
        + " sessions still not terminal after " + Durations.show(partial.elapsed()) + " (--timeout)");
  }

  /** @return 0 when every session completed, else {@link #FAILED} */
  static int exitCode(WaitResult result) {
    return result.failed().isEmpty() && result.gone().isEmpty() ? 0 : FAILED;
  }

  /**
   * @param result what the wait met: sessions and their parents, and their last statuses
   * @return one row per session, depth-first, children indented under their parent
   */
  static List<String> rows(WaitResult result) {
    return rows(result.rootId(), result.parents(), result.statuses(), result.gone());
  }

  /**
   * @param rootId the session waited for
   * @param parents every session met, with the session that listed it
   * @param latest each session's latest answer
   * @param gone the sessions that answered 404
   * @return one row per session, depth-first, children indented under their parent
   */
  static List<String> rows(String rootId, Map<String, @Nullable String> parents, Map<String, SessionStatus> latest,
      Collection<String> gone) {
    Map<String, List<String>> children = new LinkedHashMap<>();
    parents.forEach((id, parent) -> {
      if (parent != null) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
      }
    });
    List<String> rows = new ArrayList<>();
    addRows(rootId, 0, children, latest, gone, rows);
    return rows;
  }

  private static void addRows(String id, int depth, Map<String, List<String>> children, Map<String, SessionStatus> latest,
      Collection<String> gone, List<String> rows) {
    rows.add(row(id, depth, latest.get(id), gone.contains(id)));
    for (String child : children.getOrDefault(id, List.of())) {
      addRows(child, depth + 1, children, latest, gone, rows);
    }
  }

  /** A session's row: id, status, steps, tokens, and its error if it has one. */
  static String row(String id, int depth, @Nullable SessionStatus status, boolean gone) {
    String indent = "  ".repeat(depth);
    if (gone) {
      return indent + Output.orDash(id) + "  gone (404 Not Found)";
    }
    if (status == null) {
      return indent + Output.orDash(id) + "  -";
    }
    long tokens = 0;
    if (status.getUsagePerModel() != null) {
      for (ModelUsage usage : status.getUsagePerModel()) {
        tokens += (usage.getInputTokens() == null ? 0 : usage.getInputTokens())
            + (usage.getOutputTokens() == null ? 0 : usage.getOutputTokens());
      }
    }
    StringBuilder row = new StringBuilder(indent).append(Output.orDash(id)).append("  ")
        .append(Output.orDash(status.getStatusRaw())).append("  steps ").append(Output.orDash(status.getSteps()))
        .append("  tokens ").append(tokens);
    if (status.getErrorCodeRaw() != null) {
      row.append("  ").append(Output.orDash(status.getErrorCodeRaw()));
    }
    if (status.getError() != null) {
      row.append("  ").append(Output.cut(Output.visible(status.getError()), 60));
    }
    return row.toString();
  }
}
