package dev.agp.cli;

import dev.agp.client.errors.SessionTreeException;
import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.AgpException;
import dev.agp.client.errors.AgpPaginationException;
import dev.agp.client.errors.UnauthorizedException;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns a failure after the requests began into one line on stderr and exit code 1. */
final class ErrorHandler implements IExecutionExceptionHandler {
  static final int API_ERROR = 1;

  private final Context context;

  ErrorHandler(Context context) {
    this.context = context;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    if (e instanceof CommandLine.ParameterException parameter) {
      throw parameter;
    }
    // Server text (messages, ids) goes to a terminal: made visible, never interpreted.
    String target = context.client == null ? "this target" : okhttp3.HttpUrl.get(context.client.baseUrl()).host();
    context.err.println("error: " + Output.visible(describe(e, target)));
    return API_ERROR;
  }

  /**
   * @param e the failure
   * @param target the host the key was sent to, for the hint after a 401
   */
  static String describe(Throwable e, String target) {
    if (e instanceof SessionTreeException tree && tree.getCause() instanceof AgpPaginationException pagination) {
      // A long message in numbers: say first whose children it is about.
      return "while listing the children of session " + tree.sessionId() + ": " + pagination.getMessage();
    }
    if (e instanceof SessionTreeException tree && tree.getCause() != null) {
      return describe(tree.getCause(), target) + " (while listing the children of " + tree.sessionId() + ")";
    }
    if (e instanceof UnauthorizedException api) {
      return "HTTP " + api.statusCode() + ": " + api.serverMessage().orElse("(no message from the server)")
          + ": check H_API_KEY (or HAI_API_KEY), and that it is a key for " + target;
    }
    if (e instanceof AgpApiException api) {
      return "HTTP " + api.statusCode() + ": " + api.serverMessage().orElse("(no message from the server)");
    }
    UnknownHostException unknownHost = cause(e, UnknownHostException.class);
    if (unknownHost != null) {
      String host = String.valueOf(unknownHost.getMessage()).split(":", 2)[0];
      return "cannot resolve host " + host + ": check --region, --base-url and AGP_BASE_URL";
    }
    if (e instanceof java.io.UncheckedIOException) {
      // The sandbox could not start (a busy port): its message names the port and the cause.
      return e.getMessage();
    }
    if (e instanceof AgpException) {
      // AgpPaginationException among them: the walk stopped without proof it saw everything; what it
      // yielded was printed, and its message says what happened in numbers.
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static <T extends Throwable> @Nullable T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
