package dev.agp.it.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Bodies the hostile servers send. */
final class Bodies {
  private Bodies() {}

  static String page(int page, long total, String... ids) {
    StringBuilder items = new StringBuilder();
    for (String id : ids) {
      if (items.length() > 0) {
        items.append(',');
      }
      items.append(item(id));
    }
    return "{\"items\":[" + items + "],\"page\":" + page + ",\"total\":" + total + "}";
  }

  static String item(String id) {
    return "{\"id\":\"" + id + "\",\"agent\":\"a\",\"status\":\"running\",\"created_at\":\"2026-05-07T14:30:00Z\"}";
  }

  /**
   * Writes a 200 with a chunked page whose items never end (or end after {@code bytes}), generated on the
   * fly so that the server holds nothing.
   */
  static void endlessPage(OutputStream out, long bytes) throws IOException {
    RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    chunk(out, "{\"items\":[" + item("s-0"));
    long written = 0;
    StringBuilder batch = new StringBuilder();
    for (int i = 1; written < bytes; i++) {
      batch.append(',').append(item("s-" + i));
      if (batch.length() > 16_384) {
        chunk(out, batch.toString());
        written += batch.length();
        batch.setLength(0);
      }
    }
    chunk(out, "],\"page\":1,\"total\":1}");
    RawServer.write(out, "0\r\n\r\n");
  }

  static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
