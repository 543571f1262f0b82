package dev.agp.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal sessions API for benchmarks, on the JDK's HTTP server: it generates sessions on the fly (so it
 * holds no memory that grows with the listing, and records nothing), and sleeps a fixed latency per
 * request to simulate a round trip. Three shapes: a fixed page, a listing of N sessions, and a tree.
 */
final class BenchServer implements AutoCloseable {

  /** Tree shape: children per node at each depth (4, 4, 4, 4, then 3): 1 + 4 + 16 + 64 + 256 + 768 = 1,109. */
  static final int[] TREE_FANOUT = {4, 4, 4, 4, 3};
  static final int TREE_DEPTH = TREE_FANOUT.length;
  static final String TREE_ROOT = treeId(0, 0);
  private static final Instant BASE = Instant.parse("2026-05-07T14:30:00Z");

  static {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: +40 ms a call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(32);
  private final long latencyMillis;
  private final long listingSize;
  private final byte[] fixedPage;
  private final int[] treeFanout;

  private BenchServer(long latencyMillis, long listingSize, byte[] fixedPage, int[] treeFanout) {
    this.latencyMillis = latencyMillis;
    this.listingSize = listingSize;
    this.fixedPage = fixedPage;
    this.treeFanout = treeFanout;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/api/v2/sessions", this::handle);
    server.start();
  }

  /** Answers every list request with the same page of {@code items} sessions. */
  static BenchServer fixedPage(int items) {
    StringBuilder page = new StringBuilder("{\"items\":[");
    for (int i = 0; i < items; i++) {
      page.append(i == 0 ? "" : ",");
      appendSummary(page, listingId(i), BASE.minusSeconds(i));
    }
    page.append("],\"page\":1,\"total\":").append(items).append('}');
    return new BenchServer(0, 0, page.toString().getBytes(StandardCharsets.UTF_8), new int[0]);
  }

  /** Serves a newest-first listing of {@code size} sessions, each request after {@code latencyMillis}. */
  static BenchServer listing(long size, long latencyMillis) {
    return new BenchServer(latencyMillis, size, null, new int[0]);
  }

  /** Serves the tree of {@link #TREE_FANOUT}, each request after {@code latencyMillis}. */
  static BenchServer tree(int[] fanout, long latencyMillis) {
    return new BenchServer(latencyMillis, 0, null, fanout);
  }

  /** @return how many sessions a tree of this shape holds, root included */
  static int treeSize(int[] fanout) {
    int size = 1;
    int level = 1;
    for (int f : fanout) {
      level *= f;
      size += level;
    }
    return size;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (latencyMillis > 0) {
        Thread.sleep(latencyMillis);
      }
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      byte[] body;
      if (path.equals("/api/v2/sessions")) {
        body = fixedPage != null ? fixedPage : list(query);
      } else {
        body = session(path.substring(path.lastIndexOf('/') + 1));
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private byte[] list(Map<String, String> query) {
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    int size = Integer.parseInt(query.getOrDefault("size", "10"));
    String parent = query.get("parent_session_id");
    StringBuilder json = new StringBuilder(size * 300).append("{\"items\":[");
    long total;
    if (parent != null) {
      int[] node = parseTreeId(parent);
      int level = node[0];
      total = level < treeFanout.length ? treeFanout[level] : 0;
      for (long i = (long) (page - 1) * size, n = 0; i < total && n < size; i++, n++) {
        json.append(n == 0 ? "" : ",");
        appendSummary(json, treeId(level + 1, (int) (node[1] * treeFanout[level] + i)), BASE.plusSeconds(level + 1));
      }
    } else {
      total = listingSize;
      for (long i = (long) (page - 1) * size, n = 0; i < total && n < size; i++, n++) {
        json.append(n == 0 ? "" : ",");
        appendSummary(json, listingId(i), BASE.minusSeconds(i));
      }
    }
    json.append("],\"page\":").append(page).append(",\"total\":").append(total).append('}');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] session(String id) {
    String json = "{\"id\":\"" + id + "\",\"request\":{\"agent\":\"manager\",\"messages\":\"Plan the trip\"},"
        + "\"status\":{\"status\":\"running\",\"error\":null,\"steps\":3,\"usage_per_model\":[],\"subagent_session_ids\":[]},"
        + "\"created_at\":\"" + BASE + "\",\"started_at\":\"" + BASE.plusSeconds(1) + "\",\"finished_at\":null}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static void appendSummary(StringBuilder json, String id, Instant created) {
    json.append("{\"id\":\"").append(id)
        .append("\",\"agent\":\"web-price-finder\",\"status\":\"completed\",\"first_message\":{\"type\":\"user_message\",")
        .append("\"message\":\"Find direct flights CDG to NRT\",\"images\":[],\"caller_id\":\"user\"},\"created_at\":\"")
        .append(created).append("\",\"started_at\":\"").append(created.plusSeconds(1))
        .append("\",\"finished_at\":\"").append(created.plusSeconds(75)).append("\"}");
  }

  static String listingId(long index) {
    return String.format("00000000-0000-4000-8000-%012d", index);
  }

  static String treeId(int level, int index) {
    return String.format("%08d-0000-4000-8000-%012d", level, index);
  }

  private static int[] parseTreeId(String id) {
    return new int[] {Integer.parseInt(id.substring(0, 8)), Integer.parseInt(id.substring(24))};
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
