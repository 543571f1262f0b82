package dev.agp.client.errors;

/**
 * A tree walk failed because the children of one session could not be listed (after the usual retries),
 * or the root could not be retrieved. The cause is the underlying {@link AgpException}, for example a
 * {@link NotFoundException}.
 */
public class SessionTreeException extends AgpException {

  private static final long serialVersionUID = 1L;

  private final String sessionId;

  /**
   * Creates an exception.
   *
   * @param sessionId the session whose children (or, for the root, whose record) could not be read
   * @param cause the underlying failure
   */
  public SessionTreeException(String sessionId, Throwable cause) {
    super("Could not list the children of session " + sessionId + ": " + cause.getMessage(), cause);
    this.sessionId = sessionId;
  }

  /** @return the session whose children could not be listed */
  public String sessionId() {
    return sessionId;
  }
}
