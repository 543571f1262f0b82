package dev.agp.client.errors;

/**
 * The API key is missing or invalid (401). The gateway answers these with {@code {"message": ...}}.
 */
public class UnauthorizedException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   */
  public UnauthorizedException(ErrorResponse response) {
    super(response);
  }
}
