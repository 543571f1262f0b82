package dev.agp.cli;

import dev.agp.client.AgpWaitTimeoutException;
import dev.agp.client.SessionWaiter;
import dev.agp.client.WaitEvent;
import dev.agp.client.WaitOptions;
import dev.agp.client.WaitResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agp sessions wait ID [--tree]}: waits until a session (with {@code --tree}, it and every subagent
 * session below it) is terminal, then prints one line per session. Exit code 0 when all completed, 3 when
 * any ended failed, timed_out or interrupted (or disappeared), 4 at the --timeout, 1 on an API error.
 */
final class WaitCommand implements Callable<Integer> {

  final SessionsCommand sessions;
  final CommandSpec spec;

  WaitCommand(SessionsCommand sessions) {
    this.sessions = sessions;
    spec = CommandSpecs.command(this, "wait",
        "Wait until a session, or with --tree its whole subagent tree, is terminal; print each session's end.",
        "Exit code 0: all completed; 3: any failed, timed_out or interrupted; 4: --timeout passed; 1: API error.");
    spec.addPositional(CommandSpecs.firstParameter("ID", "The session id (with --tree, the manager's)."));
    spec.addOption(CommandSpecs.flag("--tree").description("Wait for every subagent session below it too.").build());
    Waits.addOptions(spec);
  }

  @Override
  public Integer call() {
    String id = SessionIds.check(spec, CommandSpecs.parameter(spec, 0));
    boolean tree = CommandSpecs.value(spec, "--tree");
    AgpCommand root = sessions.root;
    Context context = root.context;
    Progress progress = root.progress("session");
    // Options first: a usage error comes before any client or sandbox is started.
    WaitOptions options = Waits.options(spec, root, event -> {
      if (event instanceof WaitEvent.StatusChanged changed && changed.from() == null) {
        progress.advance(1);
      }
    });
    SessionWaiter waiter = root.client(spec, true).sessions().waiter(options);
    WaitResult result;
    try (progress) {
      result = tree ? waiter.awaitTree(id) : waiter.awaitTerminal(id);
    } catch (AgpWaitTimeoutException timedOut) {
      print(context.out, timedOut.partialResult());
      context.out.flush();
      Waits.noteDeadline(context, timedOut.partialResult());
      return Waits.DEADLINE;
    }
    print(context.out, result);
    return Waits.exitCode(result);
  }

  private static void print(PrintWriter out, WaitResult result) {
    // A session that never answered before the deadline shows "-".
    Waits.rows(result).forEach(out::println);
  }
}
