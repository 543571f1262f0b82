package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.AgpPaginationException;
import dev.agp.client.errors.AgpPaginationException.Reason;
import dev.agp.generated.model.SessionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * Misbehaving servers over HTTP: the walk yields what it could prove, then stops with a typed
 * {@link AgpPaginationException} that says what happened; it never hangs, loops or ends as if complete.
 */
class PagerStopsTest extends MockServerTestBase {

  private static final Instant NEWEST = Instant.parse("2026-05-07T14:30:00Z");

  /** Session {@code n} of a newest-first listing: id {@code s<n>}, created {@code n} seconds before the newest. */
  private static String item(int n) {
    return "{\"id\":\"s" + n + "\",\"agent\":\"a\",\"status\":\"running\",\"created_at\":\"" + NEWEST.minusSeconds(n) + "\"}";
  }

  private static String body(int page, long total, List<Integer> positions) {
    List<String> items = positions.stream().map(PagerStopsTest::item).toList();
    return "{\"items\":[" + String.join(",", items) + "],\"page\":" + page + ",\"total\":" + total + "}";
  }

  /** Positions {@code [from, to)} of the listing, clipped at {@code size}. */
  private static List<Integer> range(long from, long to, long size) {
    List<Integer> positions = new ArrayList<>();
    for (long i = from; i < Math.min(to, size); i++) {
      positions.add((int) i);
    }
    return positions;
  }

  /** Answers every list request with {@code answer.apply(page, size)} and counts them. */
  private AtomicInteger serve(BiFunction<Integer, Integer, String> answer) {
    AtomicInteger count = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        count.incrementAndGet();
        HttpUrl url = request.getUrl();
        int page = Integer.parseInt(url.queryParameter("page"));
        int size = Integer.parseInt(url.queryParameter("size"));
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(answer.apply(page, size)).build();
      }
    });
    return count;
  }

  private SessionPager pager(int pageSize) {
    return client().sessions().listAll(ListSessionsParams.builder().size(pageSize).build()).concurrency(1);
  }

  /** Walks to the end or the failure, returning what was yielded before it. */
  private static List<String> drain(SessionPager pager, List<Throwable> failure) {
    List<String> ids = new ArrayList<>();
    try (CloseableIterator<SessionSummary> it = pager.iterator()) {
      while (it.hasNext()) {
        ids.add(it.next().getId());
      }
    } catch (AgpPaginationException e) {
      failure.add(e);
    }
    return ids;
  }

  @Test
  void anHonestListingEndsNormallyWithEverySession() {
    AtomicInteger requests = serve((page, size) -> body(page, 25, range((long) (page - 1) * size, (long) page * size, 25)));
    List<Throwable> failure = new ArrayList<>();
    List<String> ids = drain(pager(10), failure);
    assertThat(failure).isEmpty();
    assertThat(ids).hasSize(25).doesNotHaveDuplicates().startsWith("s0", "s1").endsWith("s24");
    // Each window overlaps the last two sessions yielded: page 1 of 10, page 2 of 8, page 3 of 7, page 3 of 9.
    assertThat(requests.get()).isEqualTo(4);
  }

  @Test
  void aNegativeTotalStopsTheWalkWithATypedError() {
    serve((page, size) -> body(page, page == 1 ? 50 : -1, range((long) (page - 1) * size, (long) page * size, 50)));
    List<Throwable> failure = new ArrayList<>();
    List<String> ids = drain(pager(10), failure);
    assertThat(ids).hasSize(10);
    assertThat(failure).singleElement().satisfies(e -> {
      assertThat(((AgpPaginationException) e).reason()).isEqualTo(Reason.NEGATIVE_TOTAL);
      assertThat(((AgpPaginationException) e).sessionsYielded()).isEqualTo(10);
      assertThat(e).hasMessageContaining("reported a total of -1").hasMessageContaining("10 sessions yielded");
    });
  }

  @Test
  void oneSessionRepeatedWithinAPageStopsTheWalk() {
    // The report's case: total 15, one id fifteen times.
    serve((page, size) -> body(page, 15, java.util.Collections.nCopies(15, 7)));
    List<Throwable> failure = new ArrayList<>();
    assertThat(drain(pager(20), failure)).isEmpty();
    assertThat(failure).singleElement().satisfies(e -> {
      assertThat(((AgpPaginationException) e).reason()).isEqualTo(Reason.REPEATED_IDS);
      assertThat(e).hasMessageContaining("lists session s7 more than once").hasMessageContaining("total 15");
    });
  }

  @Test
  void aServerThatIgnoresThePageParameterIsCaught() {
    AtomicInteger requests = serve((page, size) -> body(page, 300, range(0, size, 300)));
    List<Throwable> failure = new ArrayList<>();
    List<String> ids = drain(pager(100), failure);
    assertThat(ids).hasSize(100).doesNotHaveDuplicates();
    assertThat(failure).singleElement().satisfies(e ->
        assertThat(((AgpPaginationException) e).reason()).isEqualTo(Reason.REPEATED_PAGES));
    assertThat(requests.get()).isLessThanOrEqualTo(4);
  }

  @Test
  void anEmptyPageWhileTotalSaysMoreIsNotAnEnd() {
    AtomicInteger answers = new AtomicInteger();
    serve((page, size) -> body(page, 6, answers.getAndIncrement() == 0 ? range(0, 2, 6) : List.of()));
    List<Throwable> failure = new ArrayList<>();
    List<String> ids = drain(pager(2), failure);
    assertThat(ids).containsExactly("s0", "s1");
    assertThat(failure).singleElement().satisfies(e ->
        assertThat(((AgpPaginationException) e).reason()).isEqualTo(Reason.INCONSISTENT_TOTAL));
  }

  @Test
  void aTotalThatGrowsForeverEndsWithinTheBudget() {
    // Every answer is a full page of sessions never seen before, and total keeps ahead: a growing tail.
    AtomicInteger requests = serve((page, size) -> {
      int n = server.getRequestCount();
      long start = (long) (page - 1) * size;
      return body(page, start + size + 50L * n, range(start, start + size, Long.MAX_VALUE));
    });
    List<Throwable> failure = new ArrayList<>();
    List<String> ids = drain(pager(10), failure);
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(failure).singleElement().satisfies(e -> {
      assertThat(((AgpPaginationException) e).reason()).isEqualTo(Reason.BUDGET_EXHAUSTED);
      assertThat(e).hasMessageContaining("budget of");
    });
    // The first total (60) needs ceil(60 / 9) + 1 = 8 windows: 3 x 8 + 10 + 1 = 35 requests at most.
    assertThat(requests.get()).isEqualTo(35);
  }

  @Test
  void aListingThatVanishesDuringTheWalkIsNotAnEnd() {
    // Two pages of a 1,000-session listing, then the server says it is empty.
    AtomicInteger answers = new AtomicInteger();
    serve((page, size) -> answers.getAndIncrement() < 2
        ? body(page, 1_000, range((long) (page - 1) * size, (long) page * size, 1_000))
        : body(page, 0, List.of()));
    List<Throwable> failure = new ArrayList<>();
    List<String> ids = drain(pager(100), failure);
    assertThat(ids).hasSize(196).doesNotHaveDuplicates();
    assertThat(failure).singleElement().satisfies(e -> {
      assertThat(((AgpPaginationException) e).reason()).isEqualTo(Reason.LISTING_SHRANK);
      assertThat(e).hasMessageContaining("ends at 0 sessions, though it held 1000 during the walk");
    });
  }

  @Test
  void anUnsortedPageStopsTheWalk() {
    serve((page, size) -> body(page, 3, List.of(0, 2, 1)));
    List<Throwable> failure = new ArrayList<>();
    assertThat(drain(pager(10), failure)).isEmpty();
    assertThat(failure).singleElement().satisfies(e -> {
      assertThat(((AgpPaginationException) e).reason()).isEqualTo(Reason.UNORDERED_PAGE);
      assertThat(e).hasMessageContaining("not sorted newest first");
    });
  }

  @Test
  void anOverfullPageIsADecodingError() {
    enqueueJson(200, Json.page(1, 6, "a", "b", "c"));

    assertThatThrownBy(() -> drain(pager(2), new ArrayList<>()))
        .isInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("holds 3 items but only 2 were requested");
  }

  @Test
  void aPageWithATotalOfZeroEndsTheWalk() {
    AtomicInteger requests = serve((page, size) -> body(page, 0, List.of()));
    List<Throwable> failure = new ArrayList<>();
    assertThat(drain(pager(2), failure)).isEmpty();
    assertThat(failure).isEmpty();
    assertThat(requests.get()).isEqualTo(1);
  }
}
