package dev.agp.client.errors;

/**
 * The server failed or is unavailable (any 5xx status), after the client's retries.
 */
public class InternalServerException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   */
  public InternalServerException(ErrorResponse response) {
    super(response);
  }
}
