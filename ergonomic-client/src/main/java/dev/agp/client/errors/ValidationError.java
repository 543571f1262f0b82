package dev.agp.client.errors;

import java.util.List;
import java.util.Objects;

/**
 * One item of a validation error ({@code 422}) body: where the problem is, what it is, and its type.
 *
 * @param location the path to the offending input, for example {@code ["query", "size"]}; indexes are
 *     given as strings
 * @param message the server's human-readable message
 * @param type the server's machine-readable error type, for example {@code less_than_equal}; empty when
 *     the server sent none
 */
public record ValidationError(List<String> location, String message, String type) {

  /**
   * Creates an item.
   *
   * @param location the path to the offending input
   * @param message the message
   * @param type the error type
   */
  public ValidationError {
    location = List.copyOf(location);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(type, "type");
  }

  /** @return {@code "query.size: <message>"}, or the message alone when there is no location */
  @Override
  public String toString() {
    return location.isEmpty() ? message : String.join(".", location) + ": " + message;
  }
}
