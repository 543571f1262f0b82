package dev.agp.client.errors;

import org.jspecify.annotations.Nullable;

/**
 * The server answered, but its answer could not be decoded into the expected model, or it broke the API's
 * contract (for example a page with more items than were asked for). The message names the call and shows
 * at most {@value #MAX_SNIPPET} characters of the offending body.
 */
public class AgpDecodingException extends AgpException {

  private static final long serialVersionUID = 1L;

  /** How many characters of the body the message shows at most. */
  public static final int MAX_SNIPPET = 200;

  private final String operation;
  private final String bodySnippet;

  /**
   * Creates an exception.
   *
   * @param operation the call that failed, for example {@code "list sessions (GET /api/v2/sessions)"}
   * @param problem what was wrong with the body
   * @param body the body (only its first {@value #MAX_SNIPPET} characters are kept)
   * @param cause the decoder's exception, if any
   */
  public AgpDecodingException(String operation, String problem, String body, @Nullable Throwable cause) {
    super(describe(operation, problem, snippet(body)), cause);
    this.operation = operation;
    this.bodySnippet = snippet(body);
  }

  private static String describe(String operation, String problem, String snippet) {
    return "Could not decode the response of " + operation + ": " + problem
        + (snippet.isEmpty() ? "" : "; body: " + snippet);
  }

  static String snippet(String body) {
    return body.length() <= MAX_SNIPPET ? body : body.substring(0, MAX_SNIPPET) + "…";
  }

  /** @return the call that failed */
  public String operation() {
    return operation;
  }

  /** @return at most {@value #MAX_SNIPPET} characters of the body, with an ellipsis when cut */
  public String bodySnippet() {
    return bodySnippet;
  }
}
