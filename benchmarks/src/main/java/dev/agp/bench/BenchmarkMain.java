package dev.agp.bench;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.client.AgpClient;
import dev.agp.client.SessionTree;
import dev.agp.client.TreeOptions;
import dev.agp.client.errors.AgpPaginationException;
import dev.agp.generated.api.SessionsApi;
import dev.agp.generated.model.SessionSummary;
import dev.agp.generated.model.SessionSummaryPage;
import dev.agp.generated.runtime.AgpRetrofit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark case in one JVM run, each against its baseline, and prints a table for people and
 * one {@code RESULT} line for scripts. Every figure is a ratio of two measurements taken side by side.
 */
public final class BenchmarkMain {

  private static final int CONCURRENCY = 4;
  /** Case 6: the listing's original size, the sessions each list request inserts at its head, the latency. */
  private static final int DRIFT_SESSIONS = 2_000;
  private static final int DRIFT_INSERTS = 5;
  private static final long DRIFT_LATENCY_MILLIS = 20;

  private BenchmarkMain() {}

  /**
   * Runs the benchmarks.
   *
   * @param args none for every case; {@code cli-start} for case 8 alone (a minute instead of several)
   * @throws Exception if a case fails
   */
  public static void main(String[] args) throws Exception {
    System.out.printf(Locale.ROOT, "agp-java benchmarks on %d cores, %s %s%n%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
    if (args.length == 1 && args[0].equals("cli-start")) {
      double[] cli = cliStart();
      System.out.printf(Locale.ROOT, "RESULT cli_start_ratio=%.2f%n", cli[0] / cli[1]);
      return;
    }
    if (args.length > 0) {
      throw new IllegalArgumentException("unknown arguments " + List.of(args) + ": none for every case, or cli-start");
    }
    List<String[]> rows = new ArrayList<>();

    double[] decode = decode();
    double decodeRatio = decode[0] / decode[1];
    rows.add(row("1 decode 100-item page", fmt(decode[0]) + " us", fmt(decode[1]) + " us", fmt(decodeRatio), "<= 1.15"));

    double[] list = listAll();
    double listIdeal = (1 + Math.ceil(19.0 / CONCURRENCY)) * 50;
    double listSpeedup = list[1] / list[0];
    double listVsIdeal = list[0] / listIdeal;
    rows.add(row("2 list 2,000 @ 50 ms", fmt(list[0]) + " ms", fmt(list[1]) + " ms", fmt(listSpeedup) + "x",
        ">= 3.5x; vs ideal " + fmt(listVsIdeal) + " <= 1.5"));

    double[] tree = tree();
    int nodes = BenchServer.treeSize(BenchServer.TREE_FANOUT);
    double treeIdeal = Math.max(BenchServer.TREE_DEPTH + 1, (double) nodes / CONCURRENCY) * 20;
    double treeSpeedup = tree[1] / tree[0];
    double treeVsIdeal = tree[0] / treeIdeal;
    rows.add(row("3 tree " + nodes + " nodes, depth " + BenchServer.TREE_DEPTH + " @ 20 ms", fmt(tree[0]) + " ms",
        fmt(tree[1]) + " ms", fmt(treeSpeedup) + "x", ">= 3x; vs ideal " + fmt(treeVsIdeal) + " <= 1.5"));

    double heap20k = peakHeapMiB(20_000);
    double heap200k = peakHeapMiB(200_000);
    rows.add(row("4 stream 20,000 / 200,000", fmt(heap20k) + " MiB", fmt(heap200k) + " MiB", "-", "<= 32 MiB each"));

    double[] start = clientStart();
    double startRatio = start[0] / start[1];
    rows.add(row("5 client start + 1st call", fmt(start[0]) + " ms", fmt(start[1]) + " ms", fmt(startRatio), "(watch)"));

    double[] drift = drift();
    double driftOverhead = drift[0] / drift[1];
    rows.add(row("6 listAll 2,000, +" + DRIFT_INSERTS + "/request @ " + DRIFT_LATENCY_MILLIS + " ms",
        String.format(Locale.ROOT, "%.0f req", drift[0]), String.format(Locale.ROOT, "%.0f req", drift[1]),
        fmt(driftOverhead), "<= 1.5 (drift / still)"));

    double[] pageHeap = pageHeapKiB();
    rows.add(row("7 heap of one 100-item page", fmt(pageHeap[0]) + " KiB", "-", "-",
        "(watch) allocated per call " + fmt(pageHeap[1]) + " KiB; body limit 16 MiB"));

    double[] cli = cliStart();
    double cliRatio = cli[0] / cli[1];
    rows.add(row("8 agp sessions list, cold start", fmt(cli[0]) + " ms", fmt(cli[1]) + " ms", fmt(cliRatio),
        "<= 5 (JVM printing one line)"));

    double[] waits = waitRequests();
    double waitRatio = waits[0] / waits[1];
    rows.add(row("9 awaitTree 50 nodes over 2 min", String.format(Locale.ROOT, "%.0f req", waits[0]),
        String.format(Locale.ROOT, "%.0f req", waits[1]), fmt(waitRatio),
        "<= 0.3; end seen after " + fmt(waits[2]) + " ms vs " + fmt(waits[3]) + " ms (median, <= naive's)"));

    System.out.println();
    System.out.printf(Locale.ROOT, "%-34s %14s %14s %9s  %s%n", "case", "sdk", "baseline", "ratio", "target");
    for (String[] row : rows) {
      System.out.printf(Locale.ROOT, "%-34s %14s %14s %9s  %s%n", (Object[]) row);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "RESULT decode_ratio=%.3f listall_speedup=%.2f listall_vs_ideal=%.2f tree_speedup=%.2f"
            + " tree_vs_ideal=%.2f heap_mib_20k=%.1f heap_mib_200k=%.1f start_ratio=%.2f drift_overhead=%.2f"
            + " page_kib_retained=%.1f page_kib_allocated=%.1f cli_start_ratio=%.2f wait_requests_ratio=%.3f"
            + " wait_lag_ms=%.0f naive_lag_ms=%.0f%n",
        decodeRatio, listSpeedup, listVsIdeal, treeSpeedup, treeVsIdeal, heap20k, heap200k, startRatio, driftOverhead,
        pageHeap[0], pageHeap[1], cliRatio, waitRatio, waits[2], waits[3]);
  }

  /**
   * Case 9, on a virtual clock: the requests of 21 seeded trees summed for the waiter and for the naive
   * loop, and the median time from the last session's end to each one's end; {waiter, naive, lag, lag}.
   */
  private static double[] waitRequests() {
    long waiter = 0;
    long naive = 0;
    List<Double> waiterLags = new ArrayList<>();
    List<Double> naiveLags = new ArrayList<>();
    for (long seed = 1; seed <= 21; seed++) {
      dev.agp.client.WaitBenchmark.Run run = dev.agp.client.WaitBenchmark.run(seed);
      waiter += run.waiterRequests();
      naive += run.naiveRequests();
      waiterLags.add((double) run.waiterLagMillis());
      naiveLags.add((double) run.naiveLagMillis());
    }
    Collections.sort(waiterLags);
    Collections.sort(naiveLags);
    progress("wait: %d requests against %d for the naive loop over 21 trees; end seen after %.0f ms against %.0f ms"
        + " (medians)", waiter, naive, waiterLags.get(10), naiveLags.get(10));
    return new double[] {waiter, naive, waiterLags.get(10), naiveLags.get(10)};
  }

  /** Case 1, with JMH: the average time of the SDK's call and of the baseline, in microseconds. */
  private static double[] decode() throws RunnerException {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(DecodeBenchmark.class.getName())
        .forks(1)
        .warmupIterations(5)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(8)
        .measurementTime(TimeValue.seconds(1))
        .verbosity(VerboseMode.SILENT)
        .build()).run();
    double sdk = 0;
    double baseline = 0;
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      double score = result.getPrimaryResult().getScore();
      if (name.endsWith(".sdk")) {
        sdk = score;
      } else if (name.endsWith(".baseline")) {
        baseline = score;
      }
    }
    progress("decode: sdk %.1f us, baseline %.1f us", sdk, baseline);
    return new double[] {sdk, baseline};
  }

  /** Case 2: listAll with default settings against the documentation's sequential loop; medians in ms. */
  private static double[] listAll() {
    try (BenchServer server = BenchServer.listing(2_000, 50);
        AgpClient client = AgpClient.builder().baseUrl(server.baseUrl()).apiKey("bench-key").build()) {
      SessionsApi api = generatedApi(server);
      LongSupplier sdk = () -> client.sessions().listAll(ListSessionsParams.none()).stream().count();
      LongSupplier baseline = () -> documentationLoop(api);
      return medians("list", sdk, baseline, 2_000, 2, 7);
    }
  }

  /** The documentation's loop: request page after page until {@code page * size >= total}. */
  private static long documentationLoop(SessionsApi api) {
    long count = 0;
    int page = 1;
    long total;
    do {
      SessionSummaryPage body = execute(api.listSessions(ListSessionsParams.builder().page(page).size(100).build()));
      count += body.getItems().size();
      total = body.getTotal();
      page++;
    } while ((long) (page - 1) * 100 < total);
    return count;
  }

  /** Case 3: tree with default settings against sequential recursion over the child lists; medians in ms. */
  private static double[] tree() {
    int nodes = BenchServer.treeSize(BenchServer.TREE_FANOUT);
    try (BenchServer server = BenchServer.tree(BenchServer.TREE_FANOUT, 20);
        AgpClient client = AgpClient.builder().baseUrl(server.baseUrl()).apiKey("bench-key").build()) {
      SessionsApi api = generatedApi(server);
      LongSupplier sdk = () -> {
        SessionTree tree = client.sessions().tree(BenchServer.TREE_ROOT, TreeOptions.defaults());
        return tree.size();
      };
      LongSupplier baseline = () -> recurse(api, BenchServer.TREE_ROOT);
      return medians("tree", sdk, baseline, nodes, 1, 3);
    }
  }

  private static long recurse(SessionsApi api, String id) {
    long count = 1;
    SessionSummaryPage children = execute(api.listSessions(ListSessionsParams.builder().page(1).size(100).parentSessionId(id).build()));
    for (SessionSummary child : children.getItems()) {
      count += recurse(api, child.getId());
    }
    return count;
  }

  /**
   * Case 4: the peak growth of the live heap while streaming {@code total} sessions (page size 100, no
   * latency), sampled after a full GC every 2,000 sessions, over the live heap before the walk.
   */
  private static double peakHeapMiB(long total) {
    try (BenchServer server = BenchServer.listing(total, 0);
        AgpClient client = AgpClient.builder().baseUrl(server.baseUrl()).apiKey("bench-key").build()) {
      // Warm the path once so that class loading is not counted as growth.
      client.sessions().listAll(ListSessionsParams.none()).limit(1_000).stream().count();
      long before = liveHeap();
      long[] peak = {0};
      long[] seen = {0};
      try (Stream<SessionSummary> stream = client.sessions().listAll(ListSessionsParams.none()).stream()) {
        stream.forEach(s -> {
          if (++seen[0] % 2_000 == 0) {
            peak[0] = Math.max(peak[0], liveHeap() - before);
          }
        });
      }
      if (seen[0] != total) {
        throw new IllegalStateException("streamed " + seen[0] + " sessions of " + total);
      }
      double mib = Math.max(0, peak[0]) / (1024.0 * 1024.0);
      progress("heap: %,d sessions, peak growth %.1f MiB", total, mib);
      return mib;
    }
  }

  /**
   * Case 7: what one {@code list()} of a 100-item page costs the heap: the live heap a decoded page keeps
   * (1,000 pages held, measured after a full GC, per page), and the bytes allocated per call on every
   * thread (the request, the streamed body, the decoding; an upper bound of the call's transient peak).
   */
  private static double[] pageHeapKiB() {
    int pages = 1_000;
    ListSessionsParams query = ListSessionsParams.builder().size(100).build();
    try (BenchServer server = BenchServer.fixedPage(100);
        AgpClient client = AgpClient.builder().baseUrl(server.baseUrl()).apiKey("bench-key").build()) {
      for (int i = 0; i < 200; i++) {
        client.sessions().list(query);
      }
      long before = liveHeap();
      long allocatedBefore = allocatedOnAllThreads();
      List<Object> held = new ArrayList<>();
      for (int i = 0; i < pages; i++) {
        held.add(client.sessions().list(query));
      }
      long allocated = allocatedOnAllThreads() - allocatedBefore;
      long retained = liveHeap() - before;
      if (held.size() != pages) {
        throw new IllegalStateException("held " + held.size() + " pages");
      }
      double[] kib = {retained / 1024.0 / pages, allocated / 1024.0 / pages};
      progress("page heap: %.1f KiB retained, %.1f KiB allocated per 100-item page", kib[0], kib[1]);
      return kib;
    }
  }

  private static long allocatedOnAllThreads() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      total += Math.max(0, allocated);
    }
    return total;
  }

  private static long liveHeap() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Case 8: medians of 2 warm-up and 21 measured alternating rounds of two new processes each. */
  private static double[] cliStart() throws java.io.IOException {
    try (BenchServer server = BenchServer.fixedPage(10)) {
      CliStart start = CliStart.prepare(launcher(), server.baseUrl());
      return medians("cli start", start.cli(), start.hello(), 1, 2, 21);
    }
  }

  /**
   * @return the {@code agp} launcher: {@code -Dagp.launcher}, else the repository's, whether this runs from
   *     the root ({@code java -jar benchmarks/target/benchmarks.jar}) or from {@code benchmarks/} (Maven)
   */
  private static java.nio.file.Path launcher() {
    String given = System.getProperty("agp.launcher");
    if (given != null) {
      return java.nio.file.Path.of(given).toAbsolutePath().normalize();
    }
    java.nio.file.Path here = java.nio.file.Path.of("agp").toAbsolutePath().normalize();
    return java.nio.file.Files.isExecutable(here) ? here : java.nio.file.Path.of("../agp").toAbsolutePath().normalize();
  }

  /** Case 5: building an AgpClient and making a first call, against the generated client alone; ms. */
  private static double[] clientStart() {
    try (BenchServer server = BenchServer.fixedPage(10)) {
      LongSupplier sdk = () -> {
        try (AgpClient client = AgpClient.builder().baseUrl(server.baseUrl()).apiKey("bench-key").build()) {
          return client.sessions().list(ListSessionsParams.builder().size(10).build()).items().size();
        }
      };
      LongSupplier baseline = () -> {
        OkHttpClient http = authorized();
        try {
          SessionsApi api = AgpRetrofit.create(HttpUrl.get(server.baseUrl()), http).create(SessionsApi.class);
          return execute(api.listSessions(ListSessionsParams.builder().size(10).build())).getItems().size();
        } finally {
          http.dispatcher().executorService().shutdown();
          http.connectionPool().evictAll();
        }
      };
      return medians("start", sdk, baseline, 10, 5, 21);
    }
  }

  /**
   * Case 6: the requests {@code listAll} (default settings) makes over a listing of 2,000 sessions that
   * gains {@value #DRIFT_INSERTS} sessions at its head with every list request, against the requests it makes
   * over the same listing standing still. Alternating rounds (1 warm-up, 7 measured); returns the median
   * request counts {drift, still}. Every walk must yield each of the 2,000 original sessions exactly once
   * and no session twice, or the run fails.
   */
  private static double[] drift() throws InterruptedException {
    try (BenchServer drifting = BenchServer.driftingListing(DRIFT_SESSIONS, DRIFT_INSERTS, DRIFT_LATENCY_MILLIS);
        BenchServer still = BenchServer.driftingListing(DRIFT_SESSIONS, 0, DRIFT_LATENCY_MILLIS);
        AgpClient driftClient = AgpClient.builder().baseUrl(drifting.baseUrl()).apiKey("bench-key").build();
        AgpClient stillClient = AgpClient.builder().baseUrl(still.baseUrl()).apiKey("bench-key").build()) {
      // A walk's request count depends on the order in which its concurrent answers meet the inserts, so it
      // varies from walk to walk (28 to 48 requests in trial runs): seven rounds keep the median steady.
      int warmups = 1;
      int rounds = 7;
      List<Double> driftRequests = new ArrayList<>();
      List<Double> stillRequests = new ArrayList<>();
      StringBuilder perRound = new StringBuilder();
      for (int i = 0; i < warmups + rounds; i++) {
        long[] d = exactWalk(driftClient, drifting, "drift");
        long[] s = exactWalk(stillClient, still, "still");
        if (i >= warmups) {
          driftRequests.add((double) d[0]);
          stillRequests.add((double) s[0]);
          perRound.append(perRound.length() == 0 ? "" : ", ").append(d[0]).append('/').append(s[0])
              .append(" (").append(d[1]).append(" new yielded)");
        }
      }
      double[] result = {median(driftRequests), median(stillRequests)};
      progress("drift: requests median %.0f with drift, %.0f without (%d rounds, drift/still: %s)",
          result[0], result[1], rounds, perRound);
      return result;
    }
  }

  /**
   * One {@code listAll} walk over a drifting (or still) listing reset to its original sessions; fails the run
   * unless each original session was yielded exactly once and no session twice.
   *
   * @return {list requests the server received, sessions inserted during the walk that were yielded}
   */
  private static long[] exactWalk(AgpClient client, BenchServer server, String what) throws InterruptedException {
    server.awaitQuiet(4 * DRIFT_LATENCY_MILLIS);
    server.resetListing();
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    try (Stream<SessionSummary> all = client.sessions().listAll(ListSessionsParams.none()).stream()) {
      for (Iterator<SessionSummary> it = all.iterator(); it.hasNext(); ) {
        String id = it.next().getId();
        if (!seen.add(id)) {
          duplicates.add(id);
        }
      }
    } catch (AgpPaginationException e) {
      throw new IllegalStateException("FAILED: listAll (" + what + ") stopped with an AgpPaginationException after "
          + seen.size() + " sessions: " + e.getMessage(), e);
    }
    // Requests cancelled when the walk ended may still be on the server; they count as made.
    server.awaitQuiet(4 * DRIFT_LATENCY_MILLIS);
    long requests = server.listRequests();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < DRIFT_SESSIONS; i++) {
      if (!seen.contains(BenchServer.listingId(i))) {
        missing.add(BenchServer.listingId(i));
      }
    }
    if (!duplicates.isEmpty() || !missing.isEmpty()) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "FAILED: listAll (%s) was not exact: %d duplicates %s, %d of the %d original sessions missing %s"
              + " (%d distinct sessions yielded in %d requests)",
          what, duplicates.size(), head(duplicates), missing.size(), DRIFT_SESSIONS, head(missing), seen.size(), requests));
    }
    return new long[] {requests, seen.size() - DRIFT_SESSIONS};
  }

  private static List<String> head(List<String> ids) {
    return ids.subList(0, Math.min(5, ids.size()));
  }

  /**
   * Runs both sides alternately ({@code warmups} unmeasured rounds, then {@code rounds} measured ones) and
   * returns the median wall time of each in milliseconds; checks that both saw {@code expected} items.
   */
  private static double[] medians(String name, LongSupplier sdk, LongSupplier baseline, long expected, int warmups, int rounds) {
    List<Double> sdkTimes = new ArrayList<>();
    List<Double> baselineTimes = new ArrayList<>();
    for (int i = 0; i < warmups + rounds; i++) {
      double s = time(sdk, expected, name + " sdk");
      double b = time(baseline, expected, name + " baseline");
      if (i >= warmups) {
        sdkTimes.add(s);
        baselineTimes.add(b);
      }
    }
    double[] result = {median(sdkTimes), median(baselineTimes)};
    progress("%s: sdk median %.1f ms, baseline median %.1f ms (%d rounds)", name, result[0], result[1], rounds);
    return result;
  }

  private static double time(LongSupplier work, long expected, String what) {
    long start = System.nanoTime();
    long count = work.getAsLong();
    double millis = (System.nanoTime() - start) / 1e6;
    if (count != expected) {
      throw new IllegalStateException(what + " saw " + count + " items, expected " + expected);
    }
    return millis;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static SessionsApi generatedApi(BenchServer server) {
    return AgpRetrofit.create(HttpUrl.get(server.baseUrl()), authorized()).create(SessionsApi.class);
  }

  private static OkHttpClient authorized() {
    return new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", "Bearer bench-key").build()))
        .readTimeout(30, TimeUnit.SECONDS)
        .build();
  }

  private static <T> T execute(retrofit2.Call<T> call) {
    try {
      retrofit2.Response<T> response = call.execute();
      if (!response.isSuccessful() || response.body() == null) {
        throw new IllegalStateException("HTTP " + response.code());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] row(String... cells) {
    return cells;
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }

  private static void progress(String format, Object... args) {
    System.out.printf(Locale.ROOT, "  " + format + "%n", args);
  }
}
