package dev.agp.sandbox;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request the sandbox received.
 *
 * @param method the HTTP method
 * @param path the decoded path
 * @param target the raw request target (path and query), as sent
 * @param query the decoded query parameters, each with all its values in order
 * @param status the status the sandbox answered with
 */
public record RecordedCall(String method, String path, String target, Map<String, List<String>> query, int status) {

  /**
   * Returns the first value of a query parameter.
   *
   * @param name the parameter name
   * @return the value, or {@code null}
   */
  public @Nullable String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
