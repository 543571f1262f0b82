package dev.agp.client.errors;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * A request failed before a complete answer arrived: the connection failed, or a connect, read or call
 * timeout expired. Thrown after the client's retries are exhausted.
 */
public class AgpNetworkException extends AgpException {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final String path;
  private final boolean timeout;

  /**
   * Creates an exception.
   *
   * @param method the HTTP method of the failed request
   * @param path the path of the failed request
   * @param attempts how many attempts were made
   * @param cause the I/O failure of the last attempt
   */
  public AgpNetworkException(String method, String path, int attempts, IOException cause) {
    super(describe(method, path, attempts, cause), cause);
    this.method = method;
    this.path = path;
    this.timeout = cause instanceof InterruptedIOException;
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

  /** @return whether the failure was a timeout (connect, read, write or whole-call) */
  public boolean isTimeout() {
    return timeout;
  }
}
