package dev.agp.client.errors;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The server answered with an error status (after the client's retries, where the status is retryable).
 *
 * <p>Subtypes name the statuses a caller commonly handles: {@link BadRequestException} (400),
 * {@link UnauthorizedException} (401), {@link PermissionDeniedException} (403), {@link NotFoundException}
 * (404), {@link ConflictException} (409), {@link UnprocessableEntityException} (422),
 * {@link RateLimitException} (429) and {@link InternalServerException} (5xx). Other statuses arrive as this
 * type itself.
 *
 * <p>The server's message is read from whichever envelope it used: {@code {"detail": "..."}},
 * {@code {"detail": [validation items]}} or the gateway's {@code {"message": "..."}}.
 */
public class AgpApiException extends AgpException {

  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String method;
  private final String path;
  private final @Nullable String serverMessage;
  private final List<ValidationError> validationErrors;
  private final Map<String, List<String>> headers;

  /**
   * Creates an exception. The SDK creates these; the constructor is public so that tests of your own code
   * can create them too.
   *
   * @param statusCode the HTTP status
   * @param method the HTTP method of the request
   * @param path the path of the request
   * @param serverMessage the server's message, if it sent one
   * @param validationErrors the validation items of a {@code detail[]} body; empty otherwise
   * @param headers the response headers
   */
  public AgpApiException(
      int statusCode,
      String method,
      String path,
      @Nullable String serverMessage,
      List<ValidationError> validationErrors,
      Map<String, List<String>> headers) {
    super(describe(statusCode, method, path, serverMessage, headers), null);
    this.statusCode = statusCode;
    this.method = method;
    this.path = path;
    this.serverMessage = serverMessage;
    this.validationErrors = List.copyOf(validationErrors);
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    this.headers = Collections.unmodifiableMap(copy);
  }

  private static String describe(
      int statusCode, String method, String path, @Nullable String serverMessage, Map<String, List<String>> headers) {
    StringBuilder text = new StringBuilder("HTTP ").append(statusCode).append(' ').append(method).append(' ').append(path);
    text.append(": ").append(serverMessage == null ? "(no message from the server)" : serverMessage);
    requestIdIn(headers).ifPresent(id -> text.append(" [request id ").append(id).append(']'));
    return text.toString();
  }

  private static Optional<String> requestIdIn(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      String name = header.getKey();
      if ((name.equalsIgnoreCase("x-request-id") || name.equalsIgnoreCase("request-id")) && !header.getValue().isEmpty()) {
        return Optional.of(header.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  /** @return the HTTP status code */
  public int statusCode() {
    return statusCode;
  }

  /** @return the HTTP method of the request, for example {@code GET} */
  public String method() {
    return method;
  }

  /** @return the path of the request, for example {@code /api/v2/sessions/123} */
  public String path() {
    return path;
  }

  /**
   * The server's message: {@code detail} when it is a string, the validation items joined when it is a
   * list, or the gateway's {@code message}.
   *
   * @return the message, or empty when the body carried none (empty, not JSON, or another shape)
   */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /** @return the items of a validation error body ({@code detail[]}); empty for other bodies */
  public List<ValidationError> validationErrors() {
    return validationErrors;
  }

  /** @return the response headers, with case-insensitive names */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * Returns the first value of a response header.
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
    return requestIdIn(headers);
  }
}
