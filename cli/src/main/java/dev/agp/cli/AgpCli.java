package dev.agp.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** The entry point of the {@code agp} command-line tool. */
public final class AgpCli {

  private AgpCli() {}

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Warmup warmup = Warmup.start();
    Stdout stdout = Stdout.open();
    // UTF-8 whatever the locale: JSON must be (RFC 8259), and under LANG=C every other character would be '?'.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
    // Progress for a person at a terminal, and not while a pager (| less) draws on it.
    boolean progress = Terminal.isStderrTerminal() && !Terminal.isStdoutPipe();
    Context context = new Context(out, err, System.getenv(), progress, warmup);
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
    return run(new Context(out, err, env, progress, null), args);
  }

  private static int run(Context context, String[] args) {
    PrintWriter out = context.out;
    PrintWriter err = context.err;
    CommandLine commandLine = new CommandLine(new AgpCommand(context));
    FilterOptions.addTo(commandLine.getSubcommands().get("sessions").getSubcommands().get("list").getCommandSpec());
    GlobalOptions.documentOnce(commandLine);
    // A flag means on, however often given; an argument starting with @ is a value (--search @team), never
    // a file of arguments.
    commandLine.setToggleBooleanFlags(false);
    commandLine.setExpandAtFiles(false);
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
