package dev.agp.client.errors;

/**
 * The session does not exist or is not visible to the caller (404).
 */
public class NotFoundException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   */
  public NotFoundException(ErrorResponse response) {
    super(response);
  }
}
