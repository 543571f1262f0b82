package dev.agp.client;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Headers;

/** Converts OkHttp headers to the SDK's public form: an unmodifiable map with case-insensitive names. */
final class HttpHeaders {
  private HttpHeaders() {}

  static Map<String, List<String>> toMap(Headers headers) {
    TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String name : headers.names()) {
      map.put(name, List.copyOf(headers.values(name)));
    }
    return Collections.unmodifiableMap(map);
  }
}
