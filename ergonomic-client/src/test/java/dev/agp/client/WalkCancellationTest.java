package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.model.SessionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Closing and cancelling walks, proven without timing: the server holds answers behind a gate, the walk is
 * closed while requests wait there, the gate opens, and once the HTTP client is idle again the test counts
 * the requests that reached the server. A walk that kept going after close would make more.
 */
class WalkCancellationTest extends MockServerTestBase {

  private static final Instant NEWEST = Instant.parse("2026-05-07T14:30:00Z");
  private static final String ROOT = "00000000-0000-4000-8000-000000000000";

  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger arrived = new AtomicInteger();
  /** Calls the SDK started: a request counts from the moment the walk makes it, not when it reaches the server. */
  private final AtomicInteger started = new AtomicInteger();
  private final OkHttpClient http = new OkHttpClient.Builder().eventListener(new okhttp3.EventListener() {
    @Override
    public void callStart(okhttp3.Call call) {
      started.incrementAndGet();
    }

    @Override
    public void canceled(okhttp3.Call call) {
      canceled.incrementAndGet();
    }
  }).build();
  private final AtomicInteger canceled = new AtomicInteger();
  private final java.util.Map<String, Long> parents = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int freeAnswers;

  @AfterEach
  void openTheGate() {
    gate.countDown();
    http.dispatcher().executorService().shutdown();
  }

  private AgpClient gatedClient() {
    return track(builder().httpClient(http).build());
  }

  /** Session {@code n}: newest first by n. */
  private static String summary(String id, long n) {
    return "{\"id\":\"" + id + "\",\"agent\":\"a\",\"status\":\"running\",\"created_at\":\"" + NEWEST.minusSeconds(n) + "\"}";
  }

  /**
   * A listing of {@code size} sessions and, for trees, a root whose every node has {@code fanout} children;
   * the first {@code free} answers are immediate, the rest wait for the gate.
   */
  private void serve(int size, int fanout) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        int n = arrived.incrementAndGet();
        if (n > freeAnswers) {
          gate.await(10, TimeUnit.SECONDS);
        }
        HttpUrl url = request.getUrl();
        String body;
        if (url.encodedPath().endsWith(ROOT)) {
          body = "{\"id\":\"" + ROOT + "\",\"request\":{\"agent\":\"a\",\"messages\":\"hi\"},"
              + "\"status\":{\"status\":\"running\",\"subagent_session_ids\":[]},\"created_at\":\"" + NEWEST + "\"}";
        } else {
          int page = Integer.parseInt(url.queryParameter("page"));
          int pageSize = Integer.parseInt(url.queryParameter("size"));
          String parent = url.queryParameter("parent_session_id");
          int total = parent == null ? size : fanout;
          List<String> items = new ArrayList<>();
          for (long i = (long) (page - 1) * pageSize; i < Math.min(total, (long) page * pageSize); i++) {
            long number = parent == null ? i : parents.computeIfAbsent(parent, k -> (long) parents.size() + 1) * 1_000_000 + i;
            String id = String.format("%08x-0000-4000-8000-%012x", number % 0xffffffffL, number);
            items.add(summary(id, i));
          }
          body = "{\"items\":[" + String.join(",", items) + "],\"page\":" + page + ",\"total\":" + total + "}";
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
      }
    });
  }

  /** Opens the gate and waits until the HTTP client has nothing running or queued. */
  private void openGateAndAwaitQuiescence() throws InterruptedException {
    CountDownLatch idle = new CountDownLatch(1);
    http.dispatcher().setIdleCallback(idle::countDown);
    gate.countDown();
    if (http.dispatcher().runningCallsCount() + http.dispatcher().queuedCallsCount() == 0) {
      idle.countDown();
    }
    assertThat(idle.await(10, TimeUnit.SECONDS)).as("the HTTP client became idle").isTrue();
  }

  @Test
  void closingTheIteratorEarlyStopsFurtherRequests() throws Exception {
    serve(2_000, 0);
    freeAnswers = 2;
    CloseableIterator<SessionSummary> iterator =
        gatedClient().sessions().listAll(ListSessionsParams.none()).concurrency(1).iterator();
    for (int i = 0; i < 150; i++) {
      iterator.next();
    }
    // Windows 1 and 2 answered; window 3 was requested ahead and waits at the gate.
    iterator.close();
    int atClose = started.get();
    // The request waiting at the gate was cancelled by the close itself, not left to finish.
    assertThat(canceled.get()).as("requests cancelled by close").isEqualTo(1);
    openGateAndAwaitQuiescence();

    assertThat(iterator.hasNext()).isFalse();
    assertThat(atClose).isEqualTo(3);
    assertThat(started.get()).as("requests after close").isEqualTo(atClose);
  }

  @Test
  void cancellingForEachAsyncStopsTheWalk() throws Exception {
    serve(2_000, 0);
    freeAnswers = 0;
    List<String> ids = new ArrayList<>();
    CompletableFuture<Void> walk = gatedClient().sessions().listAll(ListSessionsParams.none()).forEachAsync(s -> ids.add(s.getId()));
    // The first window (four requests) is in flight, held at the gate.
    walk.cancel(true);
    int atCancel = started.get();
    assertThat(canceled.get()).as("requests cancelled with the walk").isEqualTo(4);
    openGateAndAwaitQuiescence();

    assertThat(walk).isCancelled();
    assertThat(atCancel).isEqualTo(4);
    assertThat(started.get()).as("requests after cancel").isEqualTo(atCancel);
    assertThat(ids).isEmpty();
  }

  @Test
  void theConcurrencyBoundIsReachedAndNotExceeded() throws Exception {
    serve(2_000, 0);
    freeAnswers = 0;
    CompletableFuture<Void> walk = gatedClient().sessions().listAll(ListSessionsParams.none()).concurrency(3).forEachAsync(s -> { });
    // The first window was requested at once; nothing can be answered, so nothing more can be requested.
    assertThat(http.dispatcher().runningCallsCount() + http.dispatcher().queuedCallsCount()).isEqualTo(3);
    gate.countDown();
    walk.get(10, TimeUnit.SECONDS);
    assertThat(arrived.get()).isEqualTo(23);
  }

  @Test
  void closingTheDescendantsStreamStopsTheWalk() throws Exception {
    serve(0, 1_000);
    // Enough for the root, its child list and the first child's (whatever order the read-ahead takes).
    freeAnswers = 7;
    int atClose;
    Stream<SessionNode> nodes = gatedClient().sessions().descendants(ROOT, TreeOptions.defaults());
    assertThat(nodes.limit(3).count()).isEqualTo(3);
    nodes.close();
    atClose = started.get();
    assertThat(canceled.get()).as("requests cancelled by close").isPositive();
    openGateAndAwaitQuiescence();

    // The root, its child list, the first page of the next child lists (one window ahead), no more.
    assertThat(atClose).isLessThanOrEqualTo(2 + 1 + 4 + 4);
    assertThat(started.get()).as("requests after close").isEqualTo(atClose);
  }

  @Test
  void aWideTreeIsReadOneWindowAheadOfTheConsumer() throws Exception {
    serve(0, 1_000);
    freeAnswers = Integer.MAX_VALUE;
    List<SessionNode> taken = new ArrayList<>();
    try (Stream<SessionNode> nodes = gatedClient().sessions().descendants(ROOT, TreeOptions.defaults())) {
      nodes.limit(72).forEach(taken::add);
    }
    openGateAndAwaitQuiescence();

    // Every node has 1,000 children: 72 nodes in pre-order are the root and a chain 71 deep. Each needs its
    // own child list's first page; reading ahead adds at most LISTS_AHEAD_PER_REQUEST x concurrency lists
    // started for sessions not yet emitted, and the next page of a list.
    assertThat(taken).hasSize(72);
    assertThat(started.get()).isLessThanOrEqualTo(1 + 72 + TreeWalk.LISTS_AHEAD_PER_REQUEST * 4 + 4);
  }
}
