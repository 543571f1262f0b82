package dev.agp.client.errors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  private final ErrorResponse response;

  /**
   * Creates an exception. The SDK creates these; the constructor is public so that tests of your own code
   * can create them too.
   *
   * @param response the error response
   */
  public AgpApiException(ErrorResponse response) {
    super(describe(response), null);
    this.response = response;
  }

  private static String describe(ErrorResponse response) {
    StringBuilder text = new StringBuilder("HTTP ").append(response.statusCode()).append(' ')
        .append(response.method()).append(' ').append(response.path()).append(": ")
        .append(response.serverMessage() == null ? "(no message from the server)" : response.serverMessage());
    String requestId = response.requestIdOrNull();
    if (requestId != null) {
      text.append(" [request id ").append(requestId).append(']');
    }
    return text.toString();
  }

  /** @return the error response: request, status, message, validation items and headers */
  public ErrorResponse response() {
    return response;
  }

  /** @return the HTTP status code */
  public int statusCode() {
    return response.statusCode();
  }

  /** @return the HTTP method of the request, for example {@code GET} */
  public String method() {
    return response.method();
  }

  /** @return the path of the request, for example {@code /api/v2/sessions/123} */
  public String path() {
    return response.path();
  }

  /**
   * The server's message: {@code detail} when it is a string, the validation items joined when it is a
   * list, or the gateway's {@code message}.
   *
   * @return the message, or empty when the body carried none (empty, not JSON, or another shape)
   */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(response.serverMessage());
  }

  /** @return the items of a validation error body ({@code detail[]}); empty for other bodies */
  public List<ValidationError> validationErrors() {
    return response.validationErrors();
  }

  /**
   * The body as the server sent it, so that fields this SDK does not model are still reachable.
   *
   * @return the body as text, at most its first 64 KiB; empty when there was none
   */
  public String body() {
    return response.body();
  }

  /**
   * The body decoded into the spec's error envelope it matches: {@code ErrorDetail} ({@code {"detail":
   * "..."}}), {@code ValidationErrorResponse} ({@code {"detail": [...]}}) or {@code GatewayError}
   * ({@code {"message": "..."}}), all of {@code dev.agp.generated.model}.
   *
   * @return the decoded envelope, or empty when the body matches none
   */
  public Optional<Object> error() {
    return Optional.ofNullable(response.error());
  }

  /**
   * The decoded envelope, if it is of the given type.
   *
   * <pre>{@code
   * e.error(ValidationErrorResponse.class).ifPresent(v -> v.getDetail().forEach(item -> log(item.getInput())));
   * }</pre>
   *
   * @param type the envelope's class, for example {@code ErrorDetail.class}
   * @param <E> the envelope's type
   * @return the envelope, or empty when the body is another envelope or none
   */
  public <E> Optional<E> error(Class<E> type) {
    return type.isInstance(response.error()) ? Optional.of(type.cast(response.error())) : Optional.empty();
  }

  /** @return the response headers, with case-insensitive names */
  public Map<String, List<String>> headers() {
    return response.headers();
  }

  /**
   * Returns the first value of a response header.
   *
   * @param name the header name, in any case
   * @return the first value, or empty
   */
  public Optional<String> header(String name) {
    List<String> values = response.headers().get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** @return the request id the server sent in {@code X-Request-Id} (or {@code Request-Id}), if any */
  public Optional<String> requestId() {
    return Optional.ofNullable(response.requestIdOrNull());
  }
}
