package dev.agp.cli;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.client.AgpClient;
import dev.agp.client.SessionPage;
import dev.agp.client.SessionPager;
import dev.agp.generated.model.SessionSummary;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code agp sessions list}: one page, or every session with {@code --all} / {@code --limit}. Its filter
 * options ({@code --status}, {@code --page}, {@code --size}…) are not declared here: {@link FilterOptions}
 * builds them from the spec's parameters of the list operation.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List sessions: one page, or all of them.")
final class ListCommand implements Callable<Integer> {

  @ParentCommand SessionsCommand sessions;
  @Spec CommandSpec spec;

  @Option(names = "--all", description = "List every matching session, page after page (100 per page unless "
      + "--size says otherwise; later requests ask for a little less, so that each overlaps what was already "
      + "listed). A walk that cannot show it listed them all (the server's answers contradict each other, or the listing changes faster than it "
      + "can be read) prints what it listed, each once, then an error: exit code 1.")
  boolean all;

  @Option(names = "--limit", paramLabel = "N",
      description = "Stop after N sessions; request no page beyond them. Exit code 0: a partial result asked for.")
  @Nullable Long limit;

  @Option(names = "--format", paramLabel = "table|json|jsonl", description = "Output format (default table).")
  String format = "table";

  @Override
  public Integer call() {
    Format chosen = Format.parse(spec, format, Format.TABLE, Format.JSON, Format.JSONL);
    ListSessionsParams query = FilterOptions.read(spec, sessions.root.context.err, Instant.now());
    AgpCommand root = sessions.root;
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, but was " + limit);
    }
    AgpClient client = root.client(spec);
    Context context = root.context;
    try (Sink sink = new Sink(context, chosen)) {
      if (!all && limit == null) {
        SessionPage one = client.sessions().list(query);
        one.items().forEach(sink::accept);
        sink.complete();
        return 0;
      }
      ListSessionsParams paged = query.size().isEmpty() ? query.toBuilder().size(SessionPager.DEFAULT_PAGE_SIZE).build() : query;
      SessionPager pager = client.sessions().listAll(paged).concurrency(root.concurrency());
      if (limit != null) {
        pager = pager.limit(limit);
      }
      try (Progress progress = new Progress(context, "sessions")) {
        // A walk that cannot show it saw everything throws (AgpPaginationException) after the sessions it
        // yielded, each once; the ErrorHandler reports it, and the sink does not close as if complete.
        for (SessionSummary summary : pager) {
          sink.accept(summary);
          progress.advance(1);
        }
      }
      sink.complete();
    }
    return 0;
  }

  /**
   * Writes sessions one by one in the chosen format, so that --all streams. Only a listing that
   * {@link #complete() completed} is closed as a whole (the JSON array's {@code ]}); after a failure, what
   * was written stays as it is, so that nothing reads as a complete result.
   */
  private static final class Sink implements AutoCloseable {
    private final Context context;
    private final Format format;
    private boolean first = true;
    private boolean complete;

    Sink(Context context, Format format) {
      this.context = context;
      this.format = format;
      if (format == Format.TABLE) {
        Output.tableHeader(context.out);
      } else if (format == Format.JSON) {
        context.out.print("[");
      }
    }

    void accept(SessionSummary summary) {
      switch (format) {
        case TABLE -> Output.tableRow(context.out, summary);
        case JSONL -> context.out.println(Output.json(Output.summary(summary)));
        case JSON -> {
          context.out.print((first ? "\n  " : ",\n  ") + Output.json(Output.summary(summary)));
          first = false;
        }
        default -> throw new IllegalStateException("unexpected format " + format);
      }
    }

    /** Marks the listing as complete: every session it holds was written. */
    void complete() {
      complete = true;
    }

    @Override
    public void close() {
      if (format == Format.JSON) {
        if (complete) {
          context.out.println(first ? "]" : "\n]");
        } else {
          // End the last line written and leave the array open: the listing stopped before its end.
          context.out.println();
        }
      }
      context.out.flush();
    }
  }
}
