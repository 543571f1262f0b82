package dev.agp.cli;

import dev.agp.generated.model.ModelUsage;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agp sessions status ID}: a session's live status. */
final class StatusCommand implements Callable<Integer> {

  final SessionsCommand sessions;
  final CommandSpec spec;

  StatusCommand(SessionsCommand sessions) {
    this.sessions = sessions;
    spec = CommandSpecs.command(this, "status", "Show a session's live status, token usage and subagent sessions.");
    spec.addPositional(CommandSpecs.firstParameter("ID", "The session id."));
    spec.addOption(CommandSpecs.option("json|table", String.class, "-o", "--output", "--format")
        .description("Output format (default json).").defaultValue("json").build());
  }

  @Override
  public Integer call() {
    Format chosen = Format.parse(spec, CommandSpecs.value(spec, "--format"), Format.JSON, Format.TABLE);
    String checked = SessionIds.check(spec, CommandSpecs.parameter(spec, 0));
    SessionStatus status = sessions.root.client(spec).sessions().status(checked);
    PrintWriter out = sessions.root.context.out;
    if (chosen == Format.JSON) {
      out.println(Output.prettyJson(AgpMoshi.get().adapter(SessionStatus.class).serializeNulls().toJsonValue(status)));
    } else {
      out.println("status       " + Output.orDash(status.getStatusRaw()));
      printStatusRows(out, status);
    }
    return 0;
  }

  /** The rows a status adds to a table: error, steps, usage and subagents. */
  static void printStatusRows(PrintWriter out, @Nullable SessionStatus status) {
    if (status == null) {
      return;
    }
    out.println("error        " + Output.orDash(status.getError()));
    out.println("error_code   " + Output.orDash(status.getErrorCodeRaw()));
    out.println("outcome      " + Output.orDash(status.getOutcomeRaw()));
    out.println("steps        " + Output.orDash(status.getSteps()));
    if (status.getUsagePerModel() != null) {
      for (ModelUsage usage : status.getUsagePerModel()) {
        // A server may leave a count out: "-", never "null".
        out.println("usage        " + Output.orDash(usage.getName()) + ": " + Output.orDash(usage.getInputTokens()) + " in, "
            + Output.orDash(usage.getOutputTokens()) + " out, " + Output.orDash(usage.getReasoningTokens()) + " reasoning");
      }
    }
    if (status.getSubagentSessionIds() != null) {
      for (String child : status.getSubagentSessionIds()) {
        out.println("subagent     " + Output.orDash(child));
      }
    }
  }
}
