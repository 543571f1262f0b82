package dev.agp.client.errors;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * One item of a validation error ({@code 422}) body: where the problem is, what it is, and its type.
 *
 * @param location the path to the offending input, for example {@code ["query", "size"]}; indexes are
 *     given as strings
 * @param message the server's human-readable message
 * @param type the server's machine-readable error type, for example {@code less_than_equal}; empty when
 *     the server sent none
 * @param input the rejected input as the server echoed it (a JSON value: string, number, boolean, list or
 *     map), or {@code null} when it sent none
 */
public record ValidationError(List<String> location, String message, String type, @Nullable Object input) {

  /**
   * Creates an item without an echoed input.
   *
   * @param location the path to the offending input
   * @param message the message
   * @param type the error type
   */
  public ValidationError(List<String> location, String message, String type) {
    this(location, message, type, null);
  }

  /**
   * Creates an item.
   *
   * @param location the path to the offending input
   * @param message the message
   * @param type the error type
   * @param input the rejected input, or null
   */
  public ValidationError {
    location = List.copyOf(location);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
  }

  /**
   * @return {@code query.size: <message> (got "500")}: the location (when there is one), the message, and
   *     the rejected input when the server echoed it (cut at 100 characters)
   */
  @Override
  public String toString() {
    String text = location.isEmpty() ? message : String.join(".", location) + ": " + message;
    if (input == null) {
      return text;
    }
    String got = json(input);
    return text + " (got " + (got.length() > 100 ? got.substring(0, 99) + "…" : got) + ")";
  }

  /** The input as the server wrote it: JSON, with whole numbers without the {@code .0} decoding gave them. */
  private static String json(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    if (value instanceof Double number && number == Math.rint(number) && Math.abs(number) < 1e15) {
      return Long.toString(number.longValue());
    }
    if (value instanceof List<?> list) {
      StringJoiner items = new StringJoiner(",", "[", "]");
      list.forEach(item -> items.add(json(item)));
      return items.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringJoiner members = new StringJoiner(",", "{", "}");
      map.forEach((key, item) -> members.add(json(String.valueOf(key)) + ":" + json(item)));
      return members.toString();
    }
    return String.valueOf(value);
  }
}
