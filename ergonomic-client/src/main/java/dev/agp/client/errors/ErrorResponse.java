package dev.agp.client.errors;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An error response as the SDK read it: what was asked, what the server answered. Carried by every
 * {@link AgpApiException}; public so that tests of your own code can build those exceptions.
 *
 * @param statusCode the HTTP status
 * @param method the HTTP method of the request, for example {@code GET}
 * @param path the path of the request, for example {@code /api/v2/sessions/123}
 * @param serverMessage the server's message, or {@code null} when the body carried none
 * @param validationErrors the items of a {@code detail[]} body; empty otherwise
 * @param headers the response headers, with case-insensitive names
 * @param body the body as text, at most its first 64 KiB (the client keeps no more of an error body)
 * @param error the body decoded into the spec's error envelope it matches ({@code ErrorDetail},
 *     {@code ValidationErrorResponse} or {@code GatewayError} of {@code dev.agp.generated.model}), or
 *     {@code null} when it matches none
 */
public record ErrorResponse(
    int statusCode,
    String method,
    String path,
    @Nullable String serverMessage,
    List<ValidationError> validationErrors,
    Map<String, List<String>> headers,
    String body,
    @Nullable Object error) {

  /**
   * Creates a response without a body, as tests of your own code may need.
   *
   * @param statusCode the status
   * @param method the method
   * @param path the path
   * @param serverMessage the message, or null
   * @param validationErrors the validation items
   * @param headers the headers
   */
  public ErrorResponse(int statusCode, String method, String path, @Nullable String serverMessage,
      List<ValidationError> validationErrors, Map<String, List<String>> headers) {
    this(statusCode, method, path, serverMessage, validationErrors, headers, "", null);
  }

  /**
   * Copies the lists and headers, so that the response is immutable.
   *
   * @param statusCode the status
   * @param method the method
   * @param path the path
   * @param serverMessage the message, or null
   * @param validationErrors the validation items
   * @param headers the headers
   * @param body the body as text
   * @param error the decoded envelope, or null
   */
  public ErrorResponse {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    validationErrors = List.copyOf(validationErrors);
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** @return the request id the server sent in {@code X-Request-Id} (or {@code Request-Id}), or null */
  @Nullable String requestIdOrNull() {
    for (String name : List.of("x-request-id", "request-id")) {
      List<String> values = headers.get(name);
      if (values != null && !values.isEmpty()) {
        return values.get(0);
      }
    }
    return null;
  }
}
