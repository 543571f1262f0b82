package dev.agp.client.errors;

/**
 * The caller may not access the resource (403).
 */
public class PermissionDeniedException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   */
  public PermissionDeniedException(ErrorResponse response) {
    super(response);
  }
}
