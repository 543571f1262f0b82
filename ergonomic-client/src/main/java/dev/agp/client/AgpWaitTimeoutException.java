package dev.agp.client;

import dev.agp.client.errors.AgpException;

/**
 * A wait reached its {@linkplain WaitOptions#deadline() deadline} before every session was terminal. It
 * carries what the wait saw until then.
 */
public final class AgpWaitTimeoutException extends AgpException {

  private static final long serialVersionUID = 1L;

  private final transient WaitResult partialResult;

  AgpWaitTimeoutException(WaitResult partialResult) {
    super("the wait for session " + partialResult.rootId() + " reached its deadline after "
        + partialResult.elapsed() + " with " + partialResult.pending().size() + " of "
        + partialResult.parents().size() + " sessions not terminal", null);
    this.partialResult = partialResult;
  }

  /** @return what the wait saw until its deadline; {@link WaitResult#pending()} names what it waited for */
  public WaitResult partialResult() {
    return partialResult;
  }
}
