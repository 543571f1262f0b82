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
  /** Columns of the list table, in terminal cells; the last one (the first message) is cut at 60. */
  private static final int[] WIDTHS = {36, 24, 21, 20};
  private static final int MESSAGE_WIDTH = 60;
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
    out.println(row("ID", "AGENT", "STATUS", "CREATED", "FIRST MESSAGE"));
  }

  static void tableRow(PrintWriter out, SessionSummary s) {
    out.println(row(orDash(s.getId()), cut(orDash(s.getAgent()), WIDTHS[1]), orDash(s.getStatusRaw()),
        time(s.getCreatedAt()), cut(message(s.getFirstMessage()), MESSAGE_WIDTH)));
  }

  /** One table line: each cell padded to its column's width in terminal cells (wide characters take two). */
  static String row(String... cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      line.append(cells[i]);
      if (i < WIDTHS.length) {
        line.append(" ".repeat(Math.max(0, WIDTHS[i] - columns(cells[i])) + 2));
      }
    }
    return line.toString().stripTrailing();
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

  /**
   * @param text visible text
   * @param width the most terminal cells it may take
   * @return the text, or as much of it as fits in {@code width - 1} cells followed by {@code …}; never a
   *     half of a character (a surrogate pair, a wide character)
   */
  static String cut(String text, int width) {
    if (columns(text) <= width) {
      return text;
    }
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int cells = columns(c);
      if (used + cells > width - 1) {
        break;
      }
      kept.appendCodePoint(c);
      used += cells;
      i += Character.charCount(c);
    }
    return kept + "…";
  }

  /** @return the terminal cells the text takes */
  static int columns(String text) {
    return text.codePoints().map(Output::columns).sum();
  }

  /**
   * The terminal cells of one code point, as terminals count them: none for combining marks, two for East
   * Asian wide and full-width characters and emoji, one otherwise.
   */
  static int columns(int c) {
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
      return 0;
    }
    boolean wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF)
        || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF)
        || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
        || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F680 && c <= 0x1F6FF) || (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
    return wide ? 2 : 1;
  }
}
