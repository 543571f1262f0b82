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
    if (text.matches("\\d{1,10}")) {
      return Duration.ofSeconds(Long.parseLong(text));
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
