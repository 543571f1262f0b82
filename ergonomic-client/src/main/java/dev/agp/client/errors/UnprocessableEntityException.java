package dev.agp.client.errors;

/**
 * A parameter failed the server's validation (422). {@link #validationErrors()} lists each failure with its
 * location (for example {@code query.size}), message and type.
 */
public class UnprocessableEntityException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   */
  public UnprocessableEntityException(ErrorResponse response) {
    super(response);
  }
}
