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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal sessions API for benchmarks, on the JDK's HTTP server: it sleeps a fixed latency per request to
 * simulate a round trip. Four shapes: a fixed page, a listing of N sessions, and a tree, all generated on
 * the fly (so they hold no memory that grows with the listing); and a drifting listing, which holds its
 * sessions and inserts new ones at the head on every list request, like a live account where sessions are
 * created while someone pages through them.
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
  /** The drifting listing, or null in the other shapes. */
  private final DriftingListing drifting;
  private final AtomicLong listRequests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  private BenchServer(long latencyMillis, long listingSize, byte[] fixedPage, int[] treeFanout, DriftingListing drifting) {
    this.latencyMillis = latencyMillis;
    this.listingSize = listingSize;
    this.fixedPage = fixedPage;
    this.treeFanout = treeFanout;
    this.drifting = drifting;
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
    return new BenchServer(0, 0, page.toString().getBytes(StandardCharsets.UTF_8), new int[0], null);
  }

  /** Serves a newest-first listing of {@code size} sessions, each request after {@code latencyMillis}. */
  static BenchServer listing(long size, long latencyMillis) {
    return new BenchServer(latencyMillis, size, null, new int[0], null);
  }

  /**
   * Serves a real, mutable newest-first listing that starts with {@code size} sessions (ids
   * {@link #listingId}, created one second apart) and grows at the head: every list request inserts
   * {@code insertsPerRequest} sessions newer than all others (ids {@link #insertedId}) just before it is
   * answered, so its {@code total} is the count at the moment of answering. 0 inserts gives the same
   * listing standing still. {@link #resetListing()} puts it back to the {@code size} original sessions.
   */
  static BenchServer driftingListing(int size, int insertsPerRequest, long latencyMillis) {
    return new BenchServer(latencyMillis, 0, null, new int[0], new DriftingListing(size, insertsPerRequest));
  }

  /** Serves the tree of {@link #TREE_FANOUT}, each request after {@code latencyMillis}. */
  static BenchServer tree(int[] fanout, long latencyMillis) {
    return new BenchServer(latencyMillis, 0, null, fanout, null);
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

  /** @return how many list requests reached the server (cancelled ones included) since the last reset */
  long listRequests() {
    return listRequests.get();
  }

  /**
   * Waits until no request has been in progress or arrived for {@code quietMillis}: requests that a client
   * cancelled may still be sleeping here, and still count (and insert, in the drifting shape).
   */
  void awaitQuiet(long quietMillis) throws InterruptedException {
    long seen = -1;
    while (inFlight.get() > 0 || listRequests.get() != seen) {
      seen = listRequests.get();
      Thread.sleep(quietMillis);
    }
  }

  /** Resets the request count and, in the drifting shape, the listing to its original sessions. */
  void resetListing() {
    if (drifting != null) {
      drifting.reset();
    }
    listRequests.set(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try (exchange) {
      if (latencyMillis > 0) {
        Thread.sleep(latencyMillis);
      }
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      byte[] body;
      int status = 200;
      if (path.equals("/api/v2/sessions")) {
        listRequests.incrementAndGet();
        try {
          body = fixedPage != null ? fixedPage : drifting != null ? drifting.answer(query) : list(query);
        } catch (IllegalArgumentException e) {
          status = 400;
          body = ("{\"detail\":\"" + e.getMessage() + "\"}").getBytes(StandardCharsets.UTF_8);
        }
      } else {
        body = session(path.substring(path.lastIndexOf('/') + 1));
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
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

  /** The id of the {@code index}-th session inserted at the head of a drifting listing (from 0). */
  static String insertedId(long index) {
    return String.format("00000001-0000-4000-8000-%012d", index);
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

  /**
   * The drifting listing: sessions held oldest first (so that inserting at the head is an append), read
   * newest first. Guarded by its own monitor: each answer inserts and reads the page in one step.
   */
  private static final class DriftingListing {
    private final int originals;
    private final int insertsPerRequest;
    private final List<String> ids = new ArrayList<>();
    private final List<Instant> created = new ArrayList<>();
    private long inserted;

    DriftingListing(int originals, int insertsPerRequest) {
      this.originals = originals;
      this.insertsPerRequest = insertsPerRequest;
      reset();
    }

    synchronized void reset() {
      ids.clear();
      created.clear();
      for (int i = originals - 1; i >= 0; i--) {
        ids.add(listingId(i));
        created.add(BASE.minusSeconds(i));
      }
      inserted = 0;
    }

    /** Inserts the request's sessions at the head, then answers page {@code page} of size {@code size}. */
    synchronized byte[] answer(Map<String, String> query) {
      int page = Integer.parseInt(query.getOrDefault("page", "1"));
      int size = Integer.parseInt(query.getOrDefault("size", "10"));
      if (page < 1 || size < 1 || size > 100) {
        throw new IllegalArgumentException("page " + page + ", size " + size);
      }
      for (int i = 0; i < insertsPerRequest; i++, inserted++) {
        ids.add(insertedId(inserted));
        created.add(BASE.plusSeconds(1 + inserted));
      }
      int total = ids.size();
      StringBuilder json = new StringBuilder(size * 300).append("{\"items\":[");
      for (long p = (long) (page - 1) * size, n = 0; p < total && n < size; p++, n++) {
        int index = (int) (total - 1 - p);
        json.append(n == 0 ? "" : ",");
        appendSummary(json, ids.get(index), created.get(index));
      }
      json.append("],\"page\":").append(page).append(",\"total\":").append(total).append('}');
      return json.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
