package dev.agp.cli;

import dev.agp.client.SessionNode;
import dev.agp.client.TreeOptions;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code agp sessions tree ID}: a session and all its subagent sessions, depth-first. */
final class TreeCommand implements Callable<Integer> {

  final SessionsCommand sessions;
  final CommandSpec spec;

  TreeCommand(SessionsCommand sessions) {
    this.sessions = sessions;
    spec = CommandSpecs.command(this, "tree",
        "Walk a session's subagent tree: the root, then every descendant once, depth-first.");
    spec.addPositional(CommandSpecs.firstParameter("ID", "The root session's id."));
    spec.addOption(CommandSpecs.option("N", Integer.class, "--max-depth")
        .description("Deepest level to walk (the root is 0).").build());
    spec.addOption(CommandSpecs.option("N", Integer.class, "--max-nodes")
        .description("Most sessions to walk, the root included: 1 or more (default ${DEFAULT-VALUE}). A tree with "
            + "more stops there with a note on stderr and exit code 0, a partial result asked for, as with "
            + "'list --limit'; raise N to see it all.")
        .defaultValue(String.valueOf(TreeOptions.DEFAULT_MAX_NODES)).build());
    spec.addOption(CommandSpecs.option("tree|jsonl", String.class, "-o", "--output", "--format")
        .description("Output format (default tree).").defaultValue("tree").build());
  }

  @Override
  public Integer call() {
    Format chosen = Format.parse(spec, CommandSpecs.value(spec, "--format"), Format.TREE, Format.JSONL);
    String id = CommandSpecs.parameter(spec, 0);
    @Nullable Integer maxDepth = CommandSpecs.value(spec, "--max-depth");
    int maxNodes = CommandSpecs.<Integer>value(spec, "--max-nodes");
    if (maxDepth != null && maxDepth < 0) {
      throw new ParameterException(spec.commandLine(), "--max-depth must be 0 or more, but was " + maxDepth);
    }
    if (maxNodes < 1) {
      throw new ParameterException(spec.commandLine(), "--max-nodes must be 1 or more (1 is the root alone), but was "
          + maxNodes);
    }
    SessionIds.check(spec, id);
    AgpCommand root = sessions.root;
    Context context = root.context;
    AtomicBoolean nodeLimitReached = new AtomicBoolean();
    Progress progress = root.progress("session");
    TreeOptions.Builder options = TreeOptions.builder()
        .concurrency(root.concurrency())
        .maxNodes(maxNodes)
        // Told on the walk's threads, possibly before the last nodes are printed: noted here, said at the end.
        .onNodeLimit(limit -> nodeLimitReached.set(true))
        .onRepeat(repeat -> context.note("agp: session " + Output.orDash(repeat.sessionId())
            + " is listed again under " + Output.orDash(repeat.listedUnder())
            + "; not followed (a cycle or a session with two parents)"));
    if (maxDepth != null) {
      options.maxDepth(maxDepth);
    }
    PrintWriter out = context.out;
    try (progress; Stream<SessionNode> nodes = root.client(spec).sessions().descendants(id, options.build())) {
      Iterator<SessionNode> walk = nodes.iterator();
      while (walk.hasNext()) {
        SessionNode node = walk.next();
        progress.clear();
        if (chosen == Format.JSONL) {
          Map<String, Object> line = Output.summary(node.session());
          line.put("depth", node.depth());
          line.put("parent_session_id", node.parentIdOrNull());
          out.println(Output.json(line));
        } else {
          out.println("  ".repeat(node.depth()) + Output.orDash(node.id()) + "  " + Output.orDash(node.session().getAgent())
              + "  " + Output.orDash(node.session().getStatusRaw()));
        }
        if (out.checkError()) {
          // The reader went away (| head): closing the stream stops the walk and its requests.
          return 0;
        }
        progress.advance(1);
      }
    }
    // A failed walk (a SessionTreeException) never gets here: the ErrorHandler reports it, exit code 1.
    if (nodeLimitReached.get()) {
      context.err.println("agp: stopped at --max-nodes " + maxNodes + "; the tree has more sessions");
    }
    return 0;
  }
}
