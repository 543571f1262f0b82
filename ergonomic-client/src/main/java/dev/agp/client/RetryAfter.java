package dev.agp.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Parses {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110, section 10.2.3). */
final class RetryAfter {
  /** What a delay too large to represent stands for: longer than any {@link RetryPolicy#maxRetryAfter()}. */
  static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private RetryAfter() {}

  /**
   * @return the wait the header asks for (zero for a date in the past), or {@code null} when the header is
   *     absent or invalid
   */
  static @Nullable Duration parse(@Nullable String value, Clock clock) {
    if (value == null) {
      return null;
    }
    String text = value.trim();
    if (text.matches("\\d+")) {
      // Any number of digits is a valid delay; one too large for a long is still a wait, just beyond any
      // ceiling, so that it fails fast instead of being mistaken for an absent header.
      return text.length() > 18 ? FOREVER : Duration.ofSeconds(Long.parseLong(text));
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
