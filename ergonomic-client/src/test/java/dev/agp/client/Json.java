package dev.agp.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fixtures under src/test/resources/json. */
final class Json {
  private Json() {}

  static String fixture(String name) {
    try (InputStream in = Json.class.getResourceAsStream("/json/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String page(int page, long total, String... ids) {
    StringBuilder items = new StringBuilder();
    for (String id : ids) {
      if (items.length() > 0) {
        items.append(',');
      }
      items.append("{\"id\":\"").append(id).append("\",\"agent\":\"a\",\"status\":\"running\",")
          .append("\"created_at\":\"2026-05-07T14:30:00Z\"}");
    }
    return "{\"items\":[" + items + "],\"page\":" + page + ",\"total\":" + total + "}";
  }
}
