package dev.agp.client.errors;

/**
 * The request was malformed (400).
 */
public class BadRequestException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   */
  public BadRequestException(ErrorResponse response) {
    super(response);
  }
}
