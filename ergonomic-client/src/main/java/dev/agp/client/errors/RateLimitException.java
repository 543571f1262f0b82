package dev.agp.client.errors;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Too many requests (429), after the client's retries, or at once when the server's {@code Retry-After}
 * asks for a longer wait than the client's configured ceiling.
 */
public class RateLimitException extends AgpApiException {

  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /**
   * Creates an exception; see {@link AgpApiException#AgpApiException(ErrorResponse)}.
   *
   * @param response the error response
   * @param retryAfter the wait the server asked for in {@code Retry-After}, if it sent a valid one
   */
  public RateLimitException(ErrorResponse response, @Nullable Duration retryAfter) {
    super(response);
    this.retryAfter = retryAfter;
  }

  /**
   * The wait the server asked for, parsed from {@code Retry-After} (seconds, or an HTTP date relative to
   * the client's clock).
   *
   * @return the wait, or empty when the header was absent or invalid
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
