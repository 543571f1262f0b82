package dev.agp.cli;

import dev.agp.client.AgpWaitTimeoutException;
import dev.agp.client.WaitEvent;
import dev.agp.client.WaitResult;
import dev.agp.generated.model.SessionStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agp sessions watch ID}: follows a session and its subagent tree until all is terminal. On a
 * terminal, a live tree redrawn in place; otherwise one JSON line per event, then a summary line. Exit
 * codes as {@code sessions wait}.
 */
final class WatchCommand implements Callable<Integer> {

  private static final String UP_AND_ERASE = "\033[%dA";
  private static final String ERASE_LINE = "\r\033[2K";

  final SessionsCommand sessions;
  final CommandSpec spec;
  private int drawn;

  WatchCommand(SessionsCommand sessions) {
    this.sessions = sessions;
    spec = CommandSpecs.command(this, "watch",
        "Follow a session and its subagent tree until all is terminal: on a terminal a live tree, otherwise one "
            + "JSON line per event ({\"event\":\"status\",\"id\":...,\"from\":...,\"to\":...,\"at\":...}) and a "
            + "summary line. Exit codes as 'sessions wait'.");
    spec.addPositional(CommandSpecs.firstParameter("ID", "The session id."));
    Waits.addOptions(spec);
  }

  @Override
  public Integer call() {
    String id = SessionIds.check(spec, CommandSpecs.parameter(spec, 0));
    AgpCommand root = sessions.root;
    Context context = root.context;
    PrintWriter out = context.out;
    boolean live = context.stdoutIsTerminal;
    Map<String, SessionStatus> latest = new ConcurrentHashMap<>();
    Instant started = Instant.now();
    Map<String, String> parents = new ConcurrentHashMap<>();
    WaitResult result;
    try {
      result = root.client(spec, true).sessions().waiter(Waits.options(spec, root, event -> {
        synchronized (this) {
          if (live) {
            if (event instanceof WaitEvent.Answered answered) {
              latest.put(answered.id(), answered.status());
            }
            if (event instanceof WaitEvent.SessionDiscovered found && found.parentId() != null) {
              parents.put(found.id(), found.parentId());
            }
            redraw(out, id, parents, latest, Duration.between(started, Instant.now()));
          } else if (!(event instanceof WaitEvent.Answered) && !(event instanceof WaitEvent.Finished)) {
            out.println(Output.json(json(event)));
            out.flush();
          }
        }
      })).awaitTree(id);
    } catch (AgpWaitTimeoutException timedOut) {
      synchronized (this) {
        summary(out, live, timedOut.partialResult(), latest, "deadline");
      }
      return Waits.DEADLINE;
    }
    synchronized (this) {
      summary(out, live, result, latest, "finished");
    }
    return Waits.exitCode(result);
  }

  private void summary(PrintWriter out, boolean live, WaitResult result, Map<String, SessionStatus> latest, String event) {
    if (live) {
      erase(out);
      Waits.rows(result).forEach(out::println);
      out.println(result.parents().size() + " sessions, " + result.failed().size() + " failed, "
          + Durations.show(result.elapsed()));
    } else {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("event", event);
      line.put("id", result.rootId());
      line.put("sessions", result.parents().size());
      line.put("failed", result.failed());
      line.put("gone", result.gone());
      line.put("pending", result.pending());
      line.put("elapsed_ms", result.elapsed().toMillis());
      line.put("requests", result.requests());
      out.println(Output.json(line));
    }
    out.flush();
  }

  /** The live tree, drawn over the previous one. */
  private void redraw(PrintWriter out, String rootId, Map<String, String> parents, Map<String, SessionStatus> latest,
      Duration elapsed) {
    Map<String, String> met = new LinkedHashMap<>();
    met.put(rootId, null);
    met.putAll(parents);
    List<String> rows = Waits.rows(rootId, met, latest, List.of());
    erase(out);
    rows.forEach(row -> out.println(Output.cut(row, 150)));
    out.println("watching " + rootId + ": " + rows.size() + " sessions, " + Durations.show(elapsed));
    drawn = rows.size() + 1;
    out.flush();
  }

  private void erase(PrintWriter out) {
    if (drawn > 0) {
      out.print(String.format(UP_AND_ERASE, drawn));
      for (int i = 0; i < drawn; i++) {
        out.print(ERASE_LINE + "\n");
      }
      out.print(String.format(UP_AND_ERASE, drawn));
      drawn = 0;
    }
  }

  private static Map<String, Object> json(WaitEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    if (event instanceof WaitEvent.StatusChanged changed) {
      line.put("event", "status");
      line.put("id", changed.id());
      line.put("from", changed.from());
      line.put("to", changed.to());
      line.put("at", changed.at().toString());
    } else if (event instanceof WaitEvent.SessionDiscovered found) {
      line.put("event", "discovered");
      line.put("id", found.id());
      line.put("parent_id", found.parentId());
    } else if (event instanceof WaitEvent.UnknownStatus unknown) {
      line.put("event", "unknown_status");
      line.put("id", unknown.id());
      line.put("status", unknown.status());
    } else if (event instanceof WaitEvent.SessionRepeated repeated) {
      line.put("event", "repeated");
      line.put("id", repeated.id());
      line.put("parent_id", repeated.parentId());
      line.put("first_parent_id", repeated.firstParentId());
    } else if (event instanceof WaitEvent.SessionGone gone) {
      line.put("event", "gone");
      line.put("id", gone.id());
      line.put("parent_id", gone.parentId());
    }
    return line;
  }
}
