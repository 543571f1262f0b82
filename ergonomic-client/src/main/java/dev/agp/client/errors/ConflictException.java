package dev.agp.client.errors;

/**
 * The request conflicts with the resource's current state (409).
 */
public class ConflictException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   */
  public ConflictException(ErrorResponse response) {
    super(response);
  }
}
