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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    out.println(row(cut(orDash(s.getId()), WIDTHS[0]), cut(orDash(s.getAgent()), WIDTHS[1]),
        cut(orDash(s.getStatusRaw()), WIDTHS[2]),
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
   * overrides, zero-width marks) becomes {@code ?}, but the zero-width joiner that binds emoji sequences
   * (a family, a flag with a sign) stays. JSON output is never passed through this: its encoder
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
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (Character.getType(c) == Character.FORMAT && c != ZWJ)
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
   *     part of what a reader sees as one character (a surrogate pair, a wide character, a letter and its
   *     accents, a flag's two halves, an emoji sequence joined by ZWJ)
   */
  static String cut(String text, int width) {
    if (columns(text) <= width) {
      return text;
    }
    StringBuilder kept = new StringBuilder();
    int used = 0;
    Matcher cluster = GRAPHEME.matcher(text);
    while (cluster.find()) {
      int cells = columns(cluster.group());
      if (used + cells > width - 1) {
        break;
      }
      kept.append(cluster.group());
      used += cells;
    }
    return kept + "…";
  }

  /** An extended grapheme cluster: what a reader sees as one character. */
  private static final Pattern GRAPHEME = Pattern.compile("\\X");
  private static final int ZWJ = 0x200D;

  /** @return the terminal cells the text takes */
  static int columns(String text) {
    return text.codePoints().map(Output::columns).sum();
  }

  /**
   * Code points terminals draw two cells wide, as ranges (first, last): East Asian wide and full-width
   * characters, and emoji shown as emoji by default (Unicode's East_Asian_Width W and F).
   */
  private static final int[] WIDE = {
      0x1100, 0x115F, 0x231A, 0x231B, 0x2329, 0x232A, 0x23E9, 0x23EC, 0x23F0, 0x23F0, 0x23F3, 0x23F3,
      0x25FD, 0x25FE, 0x2614, 0x2615, 0x2648, 0x2653, 0x267F, 0x267F, 0x2693, 0x2693, 0x26A1, 0x26A1,
      0x26AA, 0x26AB, 0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26CE, 0x26D4, 0x26D4, 0x26EA, 0x26EA,
      0x26F2, 0x26F3, 0x26F5, 0x26F5, 0x26FA, 0x26FA, 0x26FD, 0x26FD, 0x2705, 0x2705, 0x270A, 0x270B,
      0x2728, 0x2728, 0x274C, 0x274C, 0x274E, 0x274E, 0x2753, 0x2755, 0x2757, 0x2757, 0x2795, 0x2797,
      0x27B0, 0x27B0, 0x27BF, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50, 0x2B50, 0x2B55, 0x2B55, 0x2E80, 0x303E,
      0x3041, 0x33FF, 0x3400, 0x4DBF, 0x4E00, 0x9FFF, 0xA000, 0xA4CF, 0xA960, 0xA97F, 0xAC00, 0xD7A3,
      0xF900, 0xFAFF, 0xFE10, 0xFE19, 0xFE30, 0xFE6F, 0xFF00, 0xFF60, 0xFFE0, 0xFFE6, 0x16FE0, 0x16FE4,
      0x17000, 0x18CFF, 0x1B000, 0x1B2FF, 0x1F004, 0x1F004, 0x1F0CF, 0x1F0CF, 0x1F18E, 0x1F18E,
      0x1F191, 0x1F19A, 0x1F200, 0x1F202, 0x1F210, 0x1F23B, 0x1F240, 0x1F248, 0x1F250, 0x1F251,
      0x1F260, 0x1F265, 0x1F300, 0x1F320, 0x1F32D, 0x1F335, 0x1F337, 0x1F37C, 0x1F37E, 0x1F393,
      0x1F3A0, 0x1F3CA, 0x1F3CF, 0x1F3D3, 0x1F3E0, 0x1F3F0, 0x1F3F4, 0x1F3F4, 0x1F3F8, 0x1F43E,
      0x1F440, 0x1F440, 0x1F442, 0x1F4FC, 0x1F4FF, 0x1F53D, 0x1F54B, 0x1F54E, 0x1F550, 0x1F567,
      0x1F57A, 0x1F57A, 0x1F595, 0x1F596, 0x1F5A4, 0x1F5A4, 0x1F5FB, 0x1F64F, 0x1F680, 0x1F6C5,
      0x1F6CC, 0x1F6CC, 0x1F6D0, 0x1F6D2, 0x1F6D5, 0x1F6D7, 0x1F6DC, 0x1F6DF, 0x1F6EB, 0x1F6EC,
      0x1F6F4, 0x1F6FC, 0x1F7E0, 0x1F7EB, 0x1F7F0, 0x1F7F0, 0x1F90C, 0x1F93A, 0x1F93C, 0x1F945,
      0x1F947, 0x1F9FF, 0x1FA70, 0x1FAFF, 0x20000, 0x2FFFD, 0x30000, 0x3FFFD};

  /**
   * The terminal cells of one code point, as terminals count them: none for combining marks and for the
   * vowels and final consonants of conjoining Hangul (drawn within the syllable's two cells), two for wide
   * characters ({@link #WIDE}), one otherwise.
   */
  static int columns(int c) {
    int type = Character.getType(c);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
        || (c >= 0x1160 && c <= 0x11FF)
        || (c >= 0xD7B0 && c <= 0xD7FF)) {
      return 0;
    }
    for (int i = 0; i < WIDE.length && c >= WIDE[i]; i += 2) {
      if (c <= WIDE[i + 1]) {
        return 2;
      }
    }
    return 1;
  }
}
