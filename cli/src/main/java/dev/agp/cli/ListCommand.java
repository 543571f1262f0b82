package dev.agp.cli;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.client.AgpClient;
import dev.agp.client.SessionPage;
import dev.agp.client.SessionPager;
import dev.agp.generated.model.SessionSummary;
import dev.agp.client.CloseableIterator;
import dev.agp.generated.runtime.QueryParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code agp sessions list}: one page, or every session with {@code --all} / {@code --limit}. Its filter
 * options ({@code --status}, {@code --page}, {@code --size}…) are not declared here: {@link FilterOptions}
 * builds them from the spec's parameters of the list operation.
 */
final class ListCommand implements Callable<Integer> {

  final SessionsCommand sessions;
  final CommandSpec spec;

  ListCommand(SessionsCommand sessions, List<QueryParameter> filters) {
    this.sessions = sessions;
    spec = CommandSpecs.command(this, "list", "List sessions: one page, or all of them.");
    spec.addOption(CommandSpecs.flag("--all").description("List every matching session, page after page (pages as "
        + "large as the spec allows unless --size says otherwise; later requests ask for a little less, so that each "
        + "overlaps what was already listed). A walk that cannot show it listed them all (the server's answers "
        + "contradict each other, or the listing changes faster than it can be read) prints what it listed, each "
        + "once, then an error: exit code 1.").build());
    spec.addOption(CommandSpecs.option("N", Long.class, "--limit").description("Stop after N sessions; request no "
        + "page beyond them. Exit code 0: a partial result asked for.").build());
    spec.addOption(CommandSpecs.option("table|json|jsonl", String.class, "-o", "--output", "--format")
        .description("Output format (default table).").defaultValue("table").build());
    FilterOptions.addTo(spec, filters);
  }

  @Override
  public Integer call() {
    Format chosen = Format.parse(spec, CommandSpecs.value(spec, "--format"), Format.TABLE, Format.JSON, Format.JSONL);
    boolean all = CommandSpecs.value(spec, "--all");
    @Nullable Long limit = CommandSpecs.value(spec, "--limit");
    ListSessionsParams query = FilterOptions.read(spec, sessions.root.context.err, Instant.now());
    AgpCommand root = sessions.root;
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, but was " + limit);
    }
    AgpClient client = root.client(spec);
    Context context = root.context;
    if (!all && limit == null) {
      Sink sink = new Sink(context, chosen, new Progress(context.err, false, "session"));
      SessionPage one = client.sessions().list(query);
      for (SessionSummary summary : one.items()) {
        if (!sink.accept(summary)) {
          return 0;
        }
      }
      sink.complete();
      return 0;
    }
    ListSessionsParams paged = query.size().isEmpty() ? query.toBuilder().size(SessionPager.DEFAULT_PAGE_SIZE).build() : query;
    SessionPager pager = client.sessions().listAll(paged).concurrency(root.concurrency());
    if (limit != null) {
      pager = pager.limit(limit);
    }
    // A walk that cannot show it saw everything throws (AgpPaginationException) after the sessions it
    // yielded, each once; the ErrorHandler reports it, and the sink does not close as if complete. Closing
    // the iterator (the reader went away, or the walk ended) cancels the requests in flight.
    try (Progress progress = root.progress("session");
        CloseableIterator<SessionSummary> sessions = pager.iterator()) {
      Sink sink = new Sink(context, chosen, progress);
      while (sessions.hasNext()) {
        if (!sink.accept(sessions.next())) {
          return 0;
        }
        progress.advance(1);
      }
      progress.clear();
      sink.complete();
    }
    return 0;
  }

  /**
   * Writes sessions in the chosen format so that a script never reads a partial result as a whole one:
   * nothing is written before the first answer (the table's header comes with the first row, or with
   * {@link #complete()} for an empty listing); {@code json} is one array written only when the listing is
   * {@link #complete() complete}, else nothing; {@code table} and {@code jsonl} stream, and after a failure
   * what was written stays, followed by the error on stderr and exit code 1. A reader that goes away
   * ({@code | head -1}) stops the listing: {@link #accept} says so, and the command ends with exit code 0.
   */
  private static final class Sink {
    private final Context context;
    private final Format format;
    private final Progress progress;
    private final List<Object> array = new ArrayList<>();
    private boolean headerWritten;

    Sink(Context context, Format format, Progress progress) {
      this.context = context;
      this.format = format;
      this.progress = progress;
    }

    /** @return false when stdout is closed: the reader has all it wanted, and the listing should stop */
    boolean accept(SessionSummary summary) {
      progress.clear();
      switch (format) {
        case TABLE -> {
          header();
          Output.tableRow(context.out, summary);
        }
        case JSONL -> context.out.println(Output.json(Output.summary(summary)));
        case JSON -> array.add(Output.summary(summary));
        default -> throw new IllegalStateException("unexpected format " + format);
      }
      return !context.out.checkError();
    }

    /** Writes what only a complete listing writes: the whole JSON array, or an empty table's header. */
    void complete() {
      if (format == Format.JSON) {
        // One session per line, as jsonl has them, inside one array.
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < array.size(); i++) {
          json.append(i == 0 ? "\n  " : ",\n  ").append(Output.json(array.get(i)));
        }
        context.out.println(json.append(array.isEmpty() ? "]" : "\n]"));
      } else if (format == Format.TABLE) {
        header();
      }
      context.out.flush();
    }

    private void header() {
      if (!headerWritten) {
        Output.tableHeader(context.out);
        headerWritten = true;
      }
    }
  }
}
