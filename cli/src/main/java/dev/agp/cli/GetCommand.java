package dev.agp.cli;

import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code agp sessions get ID}: one session. */
@Command(name = "get", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "Show one session: its request, status and times.")
final class GetCommand implements Callable<Integer> {

  @ParentCommand SessionsCommand sessions;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The session id.")
  String id;

  @Option(names = {"-o", "--output", "--format"}, paramLabel = "json|table", description = "Output format (default json).")
  String format = "json";

  @Override
  public Integer call() {
    Format chosen = Format.parse(spec, format, Format.JSON, Format.TABLE);
    String checked = SessionIds.check(spec, id);
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
