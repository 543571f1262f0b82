package dev.agp.cli;

import dev.agp.client.AgpClient;
import dev.agp.client.SessionPage;
import dev.agp.client.SessionPager;
import dev.agp.client.SessionQuery;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionOwner;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code agp sessions list}: one page, or every session with {@code --all} / {@code --limit}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List sessions: one page, or all of them.")
final class ListCommand implements Callable<Integer> {

  @ParentCommand SessionsCommand sessions;
  @Spec CommandSpec spec;

  @Option(names = "--status", paramLabel = "S",
      description = "Only this status (repeatable): pending, running, paused, idle, completed, failed, timed_out, interrupted.")
  List<String> statuses = new ArrayList<>();

  @Option(names = "--agent", paramLabel = "A", description = "Only this agent (repeatable).")
  List<String> agents = new ArrayList<>();

  @Option(names = "--group-id", paramLabel = "G", description = "Only this group.")
  @Nullable String groupId;

  @Option(names = "--parent", paramLabel = "ID", description = "Only the direct children of this session.")
  @Nullable String parent;

  @Option(names = "--owner", paramLabel = "O", description = "Access scope: me, me-in-organization (default), organization, me-or-organization.")
  @Nullable String owner;

  @Option(names = "--sort", paramLabel = "created_at|-created_at", description = "Oldest or newest (default) first.")
  @Nullable String sort;

  @Option(names = "--page", paramLabel = "N", description = "Page number, from 1 (one page; where --all starts).")
  @Nullable Integer page;

  @Option(names = "--size", paramLabel = "N", description = "Page size, 1 to 1000 (the server caps it at 100; "
      + "--all defaults to 100, and its later requests ask for a little less, so that each overlaps what was "
      + "already listed).")
  @Nullable Integer size;

  @Option(names = "--all", description = "List every matching session, page after page. A walk that cannot show "
      + "it listed them all (the server's answers contradict each other, or the listing changes faster than it "
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
    SessionQuery query = query();
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
      SessionQuery paged = size == null ? query.toBuilder().pageSize(SessionPager.DEFAULT_PAGE_SIZE).build() : query;
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

  private SessionQuery query() {
    SessionQuery.Builder query = SessionQuery.builder();
    try {
      for (String status : statuses) {
        LifecycleStatus known = LifecycleStatus.fromValue(status);
        if (known == null || !known.isKnown()) {
          throw new IllegalArgumentException("--status must be one of " + documented(LifecycleStatus.knownValues())
              + ", but was " + status);
        }
        query.status(known);
      }
      query.agents(agents);
      if (groupId != null) {
        query.groupId(groupId);
      }
      if (parent != null) {
        query.parentSessionId(parent);
      }
      if (owner != null) {
        SessionOwner known = SessionOwner.fromValue(owner);
        if (!known.isKnown()) {
          throw new IllegalArgumentException("--owner must be one of " + documented(SessionOwner.knownValues()) + ", but was " + owner);
        }
        query.owner(known);
      }
      if (sort != null) {
        SessionSort known = SessionSort.fromValue(sort);
        if (!known.isKnown()) {
          throw new IllegalArgumentException("--sort must be created_at or -created_at, but was " + sort);
        }
        query.sort(known);
      }
      if (page != null) {
        query.page(page);
      }
      if (size != null) {
        query.pageSize(size);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flagNames(e.getMessage()));
    }
    return query.build();
  }

  /** The query builder names its settings as in Java; say them as the flags the user typed. */
  private static String flagNames(String message) {
    return message.replaceFirst("^pageSize ", "--size ").replaceFirst("^page ", "--page ")
        .replaceFirst("^agent ", "--agent ").replaceFirst("^groupId ", "--group-id ").replaceFirst("^parentSessionId ", "--parent ");
  }

  private static String documented(List<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(", "));
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
