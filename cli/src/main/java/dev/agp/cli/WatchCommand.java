package dev.agp.cli;

import dev.agp.client.AgpWaitTimeoutException;
import dev.agp.client.WaitEvent;
import dev.agp.client.WaitOptions;
import dev.agp.client.WaitResult;
import dev.agp.generated.model.SessionStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
    // Redrawn in place only where the cursor can move: a terminal, and not TERM=dumb.
    boolean live = context.stdoutIsTerminal && !"dumb".equals(context.env("TERM"));
    int[] size = live ? Terminal.size(context.env) : new int[] {0, 0};
    Map<String, SessionStatus> latest = new ConcurrentHashMap<>();
    Instant started = Instant.now();
    Map<String, String> parents = new ConcurrentHashMap<>();
    AtomicReference<CompletableFuture<WaitResult>> running = new AtomicReference<>();
    AtomicBoolean readerGone = new AtomicBoolean();
    // Options first: a usage error comes before any client or sandbox is started.
    WaitOptions options = Waits.options(spec, root, event -> {
      synchronized (this) {
        if (readerGone.get()) {
          return;
        }
        if (live) {
          if (event instanceof WaitEvent.Answered answered) {
            latest.put(answered.id(), answered.status());
          }
          if (event instanceof WaitEvent.SessionDiscovered found && found.parentId() != null) {
            parents.put(found.id(), found.parentId());
          }
          redraw(out, id, parents, latest, Duration.between(started, Instant.now()), size);
        } else if (!(event instanceof WaitEvent.Answered) && !(event instanceof WaitEvent.Finished)) {
          out.println(Output.json(json(event)));
          out.flush();
        }
        if (out.checkError()) {
          // The reader went away (| head): stop polling at once, as list and tree do.
          readerGone.set(true);
          CompletableFuture<WaitResult> wait = running.get();
          if (wait != null) {
            wait.cancel(true);
          }
        }
      }
    });
    CompletableFuture<WaitResult> wait = root.client(spec, true).sessions().waiter(options).awaitTreeAsync(id);
    running.set(wait);
    if (readerGone.get()) {
      wait.cancel(true);
    }
    WaitResult result;
    try {
      result = wait.join();
    } catch (CancellationException cancelled) {
      if (readerGone.get()) {
        return 0;
      }
      throw cancelled;
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof AgpWaitTimeoutException timedOut) {
        synchronized (this) {
          summary(out, live, timedOut.partialResult(), "deadline");
        }
        if (live) {
          Waits.noteDeadline(context, timedOut.partialResult());
        }
        return Waits.DEADLINE;
      }
      throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
    }
    synchronized (this) {
      summary(out, live, result, "finished");
    }
    return Waits.exitCode(result);
  }

  private void summary(PrintWriter out, boolean live, WaitResult result, String event) {
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

  /**
   * The live tree, drawn over the previous one: each row cut to the terminal's width and no more rows than
   * its height, so that no line wraps or scrolls and the cursor can go back over exactly what was drawn.
   */
  private void redraw(PrintWriter out, String rootId, Map<String, String> parents, Map<String, SessionStatus> latest,
      Duration elapsed, int[] size) {
    Map<String, String> met = new LinkedHashMap<>();
    met.put(rootId, null);
    met.putAll(parents);
    List<String> rows = Waits.rows(rootId, met, latest, List.of());
    int width = Math.max(20, size[0] - 1);
    int room = Math.max(1, size[1] - 2);
    List<String> shown = new ArrayList<>(rows.size() <= room ? rows : rows.subList(0, room - 1));
    if (shown.size() < rows.size()) {
      shown.add("... " + (rows.size() - shown.size()) + " more sessions");
    }
    shown.add("watching " + rootId + ": " + rows.size() + " sessions, " + Durations.show(elapsed));
    erase(out);
    shown.forEach(row -> out.println(Output.cut(row, width)));
    drawn = shown.size();
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
