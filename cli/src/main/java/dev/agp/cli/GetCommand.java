package dev.agp.cli;

import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agp sessions get ID}: one session. */
final class GetCommand implements Callable<Integer> {

  final SessionsCommand sessions;
  final CommandSpec spec;

  GetCommand(SessionsCommand sessions) {
    this.sessions = sessions;
    spec = CommandSpecs.command(this, "get", "Show one session: its request, status and times.");
    spec.addPositional(CommandSpecs.firstParameter("ID", "The session id."));
    spec.addOption(CommandSpecs.option("json|table", String.class, "-o", "--output", "--format")
        .description("Output format (default json).").defaultValue("json").build());
  }

  @Override
  public Integer call() {
    Format chosen = Format.parse(spec, CommandSpecs.value(spec, "--format"), Format.JSON, Format.TABLE);
    String checked = SessionIds.check(spec, CommandSpecs.parameter(spec, 0));
    Session session = sessions.root.client(spec).sessions().retrieve(checked);
    PrintWriter out = sessions.root.context.out;
    if (chosen == Format.JSON) {
      out.println(Output.prettyJson(AgpMoshi.get().adapter(Session.class).serializeNulls().toJsonValue(session)));
      return 0;
    }
    SessionStatus status = session.getStatus();
    out.println("id           " + Output.orDash(session.getId()));
    out.println("agent        " + Output.orDash(agent(session)));
    out.println("status       " + Output.orDash(status == null ? null : status.getStatusRaw()));
    out.println("created_at   " + Output.time(session.getCreatedAt()));
    out.println("started_at   " + Output.time(session.getStartedAt()));
    out.println("finished_at  " + Output.time(session.getFinishedAt()));
    StatusCommand.printStatusRows(out, status);
    return 0;
  }

  private static @Nullable Object agent(Session session) {
    Object agent = session.getRequest() == null ? null : session.getRequest().getAgent();
    if (agent instanceof java.util.Map<?, ?> inline) {
      return inline.get("name") + " (inline)";
    }
    return agent;
  }
}
