package dev.agp.client.errors;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A request failed before a complete answer arrived: the connection failed, a connect, read or call
 * timeout expired, or a redirect was refused. Thrown after the client's retries are exhausted (a refused
 * redirect and a redirect loop are never retried). {@link #isTimeout()} tells timeouts apart.
 */
public class AgpNetworkException extends AgpException {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final String path;
  private final int attempts;
  private final boolean timeout;

  /**
   * Creates an exception with a message derived from the cause.
   *
   * @param method the HTTP method of the failed request
   * @param path the path of the failed request
   * @param attempts how many attempts were made
   * @param cause the I/O failure of the last attempt; an {@link InterruptedIOException} means a timeout
   */
  public AgpNetworkException(String method, String path, int attempts, IOException cause) {
    this(describe(method, path, attempts, cause), method, path, attempts, cause instanceof InterruptedIOException, cause);
  }

  /**
   * Creates an exception with the given message.
   *
   * @param message what happened, for example {@code timed out after 3 attempts (5 s each): GET /api/v2/sessions}
   * @param method the HTTP method of the failed request
   * @param path the path of the failed request
   * @param attempts how many attempts were made
   * @param timeout whether the failure was a timeout
   * @param cause the I/O failure of the last attempt
   */
  public AgpNetworkException(String message, String method, String path, int attempts, boolean timeout, IOException cause) {
    super(message, cause);
    this.method = method;
    this.path = path;
    this.attempts = attempts;
    this.timeout = timeout;
  }

  private static String describe(String method, String path, int attempts, IOException cause) {
    String what = cause instanceof InterruptedIOException ? "timed out" : "failed";
    String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return method + " " + path + " " + what + " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
        + ": " + detail;
  }

  /** @return the HTTP method of the failed request */
  public String method() {
    return method;
  }

  /** @return the path of the failed request */
  public String path() {
    return path;
  }

  /** @return how many attempts were made, the first one included */
  public int attempts() {
    return attempts;
  }

  /** @return whether the failure was a timeout (connect, read, write or whole-call) */
  public boolean isTimeout() {
    return timeout;
  }
}
