package dev.agp.cli;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.runtime.QueryParameter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/** The entry point of the {@code agp} command-line tool. */
public final class AgpCli {

  /** The name of every command at any depth ({@code SessionCommandShortcutTest} checks it against the tree). */
  static final Set<String> COMMAND_NAMES =
      Set.of("sessions", "list", "get", "status", "tree", "wait", "watch", "help", "sandbox", "completion");

  private AgpCli() {}

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Warmup.start();
    Stdout stdout = Stdout.open();
    // UTF-8 whatever the locale: JSON must be (RFC 8259), and under LANG=C every other character would be '?'.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
    // Progress for a person at a terminal, and not while a pager (| less) draws on it.
    boolean progress = Terminal.isStderrTerminal() && !Terminal.isStdoutPipe();
    Context context = new Context(out, err, System.getenv(), progress);
    // /dev/null is a character device too, but nobody reads a redrawn tree there: no harm either.
    context.stdoutIsTerminal = Terminal.isStdoutTerminal();
    // Ctrl-C: the counter must not stay on the screen.
    Runtime.getRuntime().addShutdownHook(new Thread(context::eraseProgress, "agp-erase-progress"));
    int exit = run(context, args);
    out.flush();
    String lost = stdout.lostBecause();
    if (lost != null) {
      // Output that did not arrive is a failure (a full disk); a reader that went away (| head) is not.
      err.println("error: cannot write the output: " + lost);
      exit = ErrorHandler.API_ERROR;
    }
    System.exit(exit);
  }

  /** A usage error: what was wrong, and where to read what is allowed; exit code 2. */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    // The message may repeat what the user typed: shown visible, like server text.
    err.println("agp: " + Output.visible(e.getMessage()));
    if (e instanceof CommandLine.UnmatchedArgumentException && e.getMessage().contains("'--timeout'")) {
      err.println("agp: the timeout of each request is --request-timeout; --timeout is the old spelling before the "
          + "command, and the own option of 'sessions wait' and 'sessions watch'");
    }
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * Runs the tool in-process.
   *
   * @param args the command line
   * @param out where results go
   * @param err where messages, progress and logs go
   * @param env the environment ({@code H_API_KEY}, {@code HAI_API_KEY}, {@code AGP_BASE_URL})
   * @param progress whether to show progress on {@code err} (only when it is a terminal)
   * @return the exit code: 0 success, 1 API or network error or a listing that could not be walked to its
   *     end (after what it listed), 2 usage error
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, boolean progress) {
    return run(new Context(out, err, env, progress), args);
  }

  /**
   * @param context where the commands write, and what they share
   * @param listFilters the query parameters of the list operation, offered as options of {@code sessions list}
   * @return the whole command tree, ready to run
   */
  static CommandLine commandLine(Context context, List<QueryParameter> listFilters) {
    return commandLine(context, listFilters, null);
  }

  /**
   * @param args the command line, or {@code null} to build every command
   * @return the command tree, ready to run: for a plain session command ({@link #sessionCommand}), only agp,
   *     sessions and that command
   */
  private static CommandLine commandLine(Context context, List<QueryParameter> listFilters, String @Nullable [] args) {
    // Built top-down, so that agp's global options reach every command below it.
    AgpCommand agp = new AgpCommand(context);
    CommandLine root = new CommandLine(agp.spec);
    SessionsCommand sessions = new SessionsCommand(agp);
    CommandLine sessionsLine = new CommandLine(sessions.spec);
    root.addSubcommand(sessionsLine);
    Map<String, Supplier<CommandSpec>> sessionCommands = new LinkedHashMap<>();
    sessionCommands.put("list", () -> new ListCommand(sessions, listFilters).spec);
    sessionCommands.put("get", () -> new GetCommand(sessions).spec);
    sessionCommands.put("status", () -> new StatusCommand(sessions).spec);
    sessionCommands.put("tree", () -> new TreeCommand(sessions).spec);
    sessionCommands.put("wait", () -> new WaitCommand(sessions).spec);
    sessionCommands.put("watch", () -> new WatchCommand(sessions).spec);
    String leaf = args == null ? null : sessionCommand(args, agp.spec, sessionCommands.keySet());
    if (leaf != null) {
      sessionsLine.addSubcommand(new CommandLine(sessionCommands.get(leaf).get()));
      return finish(root);
    }
    sessionCommands.values().forEach(command -> sessionsLine.addSubcommand(new CommandLine(command.get())));
    sessionsLine.addSubcommand(new CommandLine(new HelpCommand().spec));
    root.addSubcommand(new CommandLine(new SandboxCommand(agp).spec));
    root.addSubcommand(new CommandLine(new CompletionCommand(agp).spec));
    root.addSubcommand(new CommandLine(new HelpCommand().spec));
    return finish(root);
  }

  /** Settings of the whole tree, set before any parse (tests parse as the command line does). */
  private static CommandLine finish(CommandLine root) {
    // A flag means on, however often given; an option given twice takes its last value, as most tools do
    // (an alias that adds to an earlier command line); an argument starting with @ is a value (--search
    // @team), never a file of arguments.
    root.setToggleBooleanFlags(false);
    root.setOverwrittenOptionsAllowed(true);
    root.setExpandAtFiles(false);
    GlobalOptions.documentOnce(root);
    return root;
  }

  /**
   * The session command an argument list runs, when that is plain without parsing it: {@code sessions} then
   * one of its commands, with nothing but agp's global options before them. Building only that command
   * (a tenth of a short run's time is building the model of each command) changes nothing picocli sees:
   * the arguments reach the same commands, with the same options; anything else (help, an unknown option,
   * {@code --}) gets the whole tree.
   *
   * @param args the command line
   * @param agp the root command, whose global options may come first
   * @param sessionCommands the names of the session commands
   * @return one of those names, or {@code null}
   */
  static @Nullable String sessionCommand(String[] args, CommandSpec agp, Set<String> sessionCommands) {
    List<String> words = new ArrayList<>(2);
    for (int i = 0; i < args.length && words.size() < 2; i++) {
      String arg = args[i];
      if (!arg.startsWith("-")) {
        words.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      OptionSpec option = agp.optionsMap().get(equals < 0 ? arg : arg.substring(0, equals));
      if (option == null || option.scopeType() != ScopeType.INHERIT) {
        return null; // help, version, a mistake, or "--": picocli says what it means, with every command known
      }
      if (equals < 0 && option.arity().max() > 0) {
        i++;
        if (i < args.length && COMMAND_NAMES.contains(args[i])) {
          return null; // picocli refuses a command's name as an option's value where that command is known
        }
      }
    }
    boolean plain = words.size() == 2 && words.get(0).equals("sessions") && sessionCommands.contains(words.get(1));
    return plain ? words.get(1) : null;
  }

  private static int run(Context context, String[] args) {
    return run(context, args, false);
  }

  /** @param wholeTree build every command, even for a plain session command (tests compare the two) */
  static int run(Context context, String[] args, boolean wholeTree) {
    PrintWriter out = context.out;
    PrintWriter err = context.err;
    CommandLine commandLine = commandLine(context, ListSessionsParams.PARAMETERS, wholeTree ? null : args);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new ErrorHandler(context));
    commandLine.setParameterExceptionHandler(AgpCli::usageError);
    try {
      return commandLine.execute(args);
    } finally {
      context.close();
      out.flush();
      err.flush();
    }
  }
}
