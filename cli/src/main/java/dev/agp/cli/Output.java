package dev.agp.cli;

import com.squareup.moshi.JsonAdapter;
import dev.agp.generated.model.SessionSummary;
import dev.agp.generated.model.UserMessage;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Renders sessions for scripts (JSON, JSON lines: the API's own names and values) and for people (tables). */
final class Output {
  static final JsonAdapter<Object> JSON = AgpMoshi.get().adapter(Object.class).serializeNulls();
  private static final JsonAdapter<SessionSummary> SUMMARY = AgpMoshi.get().adapter(SessionSummary.class).serializeNulls();
  private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");
  private static final String ROW = "%-36s  %-24s  %-21s  %-20s  %s";
  private static final String[] SUMMARY_KEYS =
      {"id", "agent", "status", "first_message", "created_at", "started_at", "finished_at"};

  private Output() {}

  /** The summary with the API's snake_case names; null fields kept; the status as the server sent it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> summary(SessionSummary session) {
    Map<String, Object> encoded = (Map<String, Object>) SUMMARY.toJsonValue(session);
    // The API's order rather than Moshi's alphabetical one; every line carries these keys, null or not.
    Map<String, Object> json = new LinkedHashMap<>();
    for (String key : SUMMARY_KEYS) {
      json.put(key, encoded.get(key));
    }
    encoded.forEach(json::putIfAbsent);
    return json;
  }

  static String json(Object value) {
    return JSON.toJson(value);
  }

  static String prettyJson(Object value) {
    return JSON.indent("  ").toJson(value);
  }

  static void tableHeader(PrintWriter out) {
    out.println(String.format(ROW, "ID", "AGENT", "STATUS", "CREATED", "FIRST MESSAGE").stripTrailing());
  }

  static void tableRow(PrintWriter out, SessionSummary s) {
    out.println(String.format(ROW, orDash(s.getId()), cut(orDash(s.getAgent()), 24), orDash(s.getStatusRaw()),
        time(s.getCreatedAt()), cut(message(s.getFirstMessage()), 60)).stripTrailing());
  }

  static String time(@Nullable OffsetDateTime time) {
    return time == null ? "-" : TABLE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }

  static String message(@Nullable UserMessage message) {
    return message == null || message.getMessage() == null ? "-" : visible(message.getMessage()).replaceAll(" +", " ");
  }

  /** A value from the server as people may see it on a terminal: {@code -} for null, else {@link #visible}. */
  static String orDash(@Nullable Object value) {
    return value == null ? "-" : visible(String.valueOf(value));
  }

  /**
   * Text from the server made safe for a terminal: it cannot move the cursor, change colours, set the
   * title, clear the screen or forge rows. Line breaks and tabs become spaces, ESC becomes the visible
   * {@code \e}, every other control character (C0, DEL, C1) and every invisible format character (bidi
   * overrides, zero-width marks) becomes {@code ?}. JSON output is never passed through this: its encoder
   * escapes such characters exactly.
   *
   * @param text the server's text
   * @return the text, one visible line
   */
  static String visible(String text) {
    StringBuilder safe = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (c == '\n' || c == '\r' || c == '\t') {
        safe.append(' ');
      } else if (c == 0x1b) {
        safe.append("\\e");
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.getType(c) == Character.FORMAT
          || c == 0x2028 || c == 0x2029) {
        safe.append('?');
      } else {
        safe.appendCodePoint(c);
      }
    });
    return safe.toString();
  }

  static String cut(String text, int width) {
    return text.length() <= width ? text : text.substring(0, width - 1) + "…";
  }
}
