package dev.agp.client.errors;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The session does not exist or is not visible to the caller (404). */
public class NotFoundException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(int, String, String, String, List, Map)}.
   *
   * @param statusCode the HTTP status
   * @param method the HTTP method of the request
   * @param path the path of the request
   * @param serverMessage the server's message, if it sent one
   * @param validationErrors the validation items of a {@code detail[]} body; empty otherwise
   * @param headers the response headers
   */
  public NotFoundException(
      int statusCode,
      String method,
      String path,
      @Nullable String serverMessage,
      List<ValidationError> validationErrors,
      Map<String, List<String>> headers) {
    super(statusCode, method, path, serverMessage, validationErrors, headers);
  }
}
