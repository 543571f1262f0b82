package dev.agp.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded body together with the HTTP details of the response that carried it, from
 * {@link SessionService#withRawResponse()}.
 *
 * @param <T> the body's type
 * @param statusCode the HTTP status code
 * @param headers the response headers, with case-insensitive names (unmodifiable)
 * @param body the decoded body
 * @param attempts how many attempts the call took (1 when it was not retried)
 */
public record ApiResponse<T>(int statusCode, Map<String, List<String>> headers, T body, int attempts) {

  /**
   * Creates a response.
   *
   * @param statusCode the status code
   * @param headers the headers
   * @param body the body
   * @param attempts the attempts
   */
  public ApiResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
  }

  /**
   * Returns the first value of a header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** @return the request id the server sent in {@code X-Request-Id} (or {@code Request-Id}), if any */
  public Optional<String> requestId() {
    return header("x-request-id").or(() -> header("request-id"));
  }
}
