package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.InternalServerException;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import dev.agp.sandbox.AgpSandbox;
import dev.agp.sandbox.SandboxSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionPagerTest extends SandboxTestBase {

  private static List<String> ids(Iterable<SessionSummary> sessions) {
    List<String> ids = new ArrayList<>();
    sessions.forEach(s -> ids.add(s.getId()));
    return ids;
  }

  private List<String> expectedIds() {
    return sandbox().data().newestFirst().stream()
        .filter(s -> s.owner().equals(SandboxSession.OWNER_ME))
        .map(SandboxSession::id)
        .toList();
  }

  /**
   * Each window after the first overlaps the last session yielded and the one before it (page 2 of size 98
   * starts at position 98, page 3 of size 97 at 194, ...), so that every answer proves nothing was missed;
   * the walk ends at the first short answer. At concurrency 4 the first window of four requests goes out before total is known.
   */
  @ParameterizedTest(name = "{0} sessions at concurrency {1} -> {2}")
  @CsvSource({
      "0, 1, 1/100",
      "0, 4, 1/100;2/98;3/97;4/96",
      "1, 1, 1/100",
      "100, 1, 1/100;2/98",
      "200, 1, 1/100;2/98;3/97",
      "230, 2, 1/100;2/98;3/97",
      "350, 1, 1/100;2/98;3/97;4/96",
      "650, 4, 1/100;2/98;3/97;4/96;5/95;6/94;7/93"})
  void requestsTheOverlappingWindowsThatExist(int count, int concurrency, String windows) {
    sandboxWith(count);

    List<String> ids = ids(client().sessions().listAll(ListSessionsParams.none()).concurrency(concurrency));

    assertThat(ids).hasSize(count).doesNotHaveDuplicates().isEqualTo(expectedIds());
    List<String> requested = listRequests().stream()
        .map(target -> query(target, "page") + "/" + query(target, "size")).toList();
    if (concurrency == 1 || count > 300) {
      assertThat(requested).containsExactlyInAnyOrder(windows.split(";"));
    } else {
      // Speculative windows beyond the listing may be cancelled before they reach the server.
      assertThat(windows.split(";")).contains(requested.toArray(new String[0]));
      assertThat(requested).contains(windows.split(";")[0]);
    }
  }

  private static String query(String target, String name) {
    return okhttp3.HttpUrl.get("http://h" + target).queryParameter(name);
  }

  @Test
  void sequentialRequestsComeInPageOrder() {
    sandboxWith(350);
    ids(client().sessions().listAll(ListSessionsParams.none()).concurrency(1));
    assertThat(pagesRequested()).containsExactly("1", "2", "3", "4");
    assertThat(sandbox().maxInFlight()).isLessThanOrEqualTo(1);
  }

  @Test
  void nothingIsRequestedUntilIterationStarts() {
    sandboxWith(10);
    SessionPager pager = client().sessions().listAll(ListSessionsParams.none());
    Iterable<SessionPage> pages = pager.pages();
    Stream<SessionSummary> stream = pager.stream();
    assertThat(sandbox().requests()).isEmpty();
    stream.close();
    assertThat(pages.iterator().hasNext()).isTrue();
    assertThat(sandbox().requests()).isNotEmpty();
  }

  @Test
  void theQuerysFiltersAndPageSizeAreKept() {
    sandbox();
    List<SessionSummary> failed = new ArrayList<>();
    client().sessions().listAll(ListSessionsParams.builder().status(LifecycleStatus.FAILED).size(7).build()).forEach(failed::add);

    assertThat(failed).isNotEmpty().allSatisfy(s -> assertThat(s.getStatus()).isEqualTo(LifecycleStatus.FAILED));
    // The first request uses the page size as is; later ones overlap what was yielded with sizes up to it,
    // larger only to reach back before sessions created in the same instant (the sandbox has such ties) or
    // to bridge a gap.
    assertThat(listRequests()).anySatisfy(t -> assertThat(t).contains("page=1&size=7"));
    assertThat(listRequests()).allSatisfy(t -> {
      assertThat(t).contains("status=failed");
      assertThat(Integer.parseInt(query(t, "size"))).isBetween(2, Window.MAX_SIZE);
    });
  }

  @Test
  void oldestFirstIsWalkedInThatOrder() {
    sandboxWith(230);
    List<String> ids = ids(client().sessions().listAll(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_ASC).build()));
    List<String> expected = new ArrayList<>(expectedIds());
    java.util.Collections.reverse(expected);
    assertThat(ids).isEqualTo(expected);
  }

  @Test
  void prefetchKeepsListingOrderAndNeverExceedsTheBound() {
    sandboxWith(2000);
    sandbox().faults().latency(Duration.ofMillis(20));

    List<String> ids = ids(client().sessions().listAll(ListSessionsParams.none()).concurrency(3));

    assertThat(ids).isEqualTo(expectedIds());
    assertThat(sandbox().maxInFlight()).isLessThanOrEqualTo(3);
    // 2,000 sessions in overlapping windows of 89 to 100 sessions: 23 requests, none repeated.
    assertThat(listRequests()).hasSize(23).doesNotHaveDuplicates();
  }

  @Test
  void theDefaultConcurrencyIsFour() {
    sandboxWith(1500);
    sandbox().faults().latency(Duration.ofMillis(20));
    assertThat(client().sessions().listAll(ListSessionsParams.none()).stream().count()).isEqualTo(1500);
    assertThat(sandbox().maxInFlight()).isLessThanOrEqualTo(4);
  }

  @Test
  void limitStopsWithoutRequestingPagesBeyondIt() {
    sandboxWith(2000);
    List<String> ids = ids(client().sessions().listAll(ListSessionsParams.none()).limit(150));
    assertThat(ids).isEqualTo(expectedIds().subList(0, 150));
    assertThat(pagesRequested()).containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void limitWithinTheFirstPageMakesOneRequest() {
    sandboxWith(2000);
    assertThat(client().sessions().listAll(ListSessionsParams.none()).limit(100).stream().count()).isEqualTo(100);
    assertThat(pagesRequested()).containsExactly("1");
  }

  @Test
  void closingTheStreamCancelsPrefetchedPages() throws InterruptedException {
    sandboxWith(2000);
    AtomicInteger canceled = new AtomicInteger();
    // Pages after the first are held until the stream has been closed, so that they are surely in flight
    // then: with a mere latency, they could all have arrived with page 1 on a busy machine.
    CountDownLatch closed = new CountDownLatch(1);
    OkHttpClient http = new OkHttpClient.Builder()
        .addInterceptor(chain -> {
          if (!"1".equals(chain.request().url().queryParameter("page"))) {
            try {
              closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return chain.proceed(chain.request());
        })
        .eventListener(new EventListener() {
          @Override
          public void canceled(Call call) {
            canceled.incrementAndGet();
          }
        }).build();
    try {
      AgpClient client = track(builder().httpClient(http).build());
      try (Stream<SessionSummary> stream = client.sessions().listAll(ListSessionsParams.none()).stream()) {
        assertThat(stream.findFirst()).isPresent();
      }
      // Pages were requested ahead of the consumer (2 to 4 with page 1), and the close cancelled them.
      assertThat(canceled.get()).isGreaterThanOrEqualTo(3);
    } finally {
      closed.countDown();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void insertsAtTheHeadDuringTheWalkYieldEveryOriginalSessionOnce(int concurrency) {
    sandboxWith(1000);
    List<String> original = expectedIds();
    sandbox().faults().insertAtHeadBetweenPages(7, 6);

    List<String> ids = ids(client().sessions().listAll(ListSessionsParams.none()).concurrency(concurrency));

    assertThat(ids).doesNotHaveDuplicates().containsAll(original);
    // Sessions inserted during the walk may or may not be yielded (the guarantee covers those that existed
    // throughout); anything else yielded must be one of them.
    assertThat(sandbox().data().size()).isEqualTo(1042);
    List<String> all = sandbox().data().newestFirst().stream().map(SandboxSession::id).toList();
    assertThat(all).containsAll(ids);
  }

  @Test
  void insertsOfMoreThanAPageAtOnceAreRepairedToo() {
    sandboxWith(1000);
    List<String> original = expectedIds();
    sandbox().faults().insertAtHeadBetweenPages(250, 2);

    // One request at a time, so that answers come in the order of the listing's states.
    List<String> ids = ids(client().sessions().listAll(ListSessionsParams.none()).concurrency(1));

    assertThat(ids).doesNotHaveDuplicates().containsAll(original);
    // Anything else yielded is one of the sessions inserted during the walk.
    List<String> all = sandbox().data().newestFirst().stream().map(SandboxSession::id).toList();
    assertThat(all).containsAll(ids);
  }

  @Test
  void insertsOfMoreThanAPageWithAnswersOutOfOrderEndCompleteOrWithATypedError() {
    // With four requests in flight, the sandbox may serve an answer from a state older than one already
    // seen (the insert raced another request). The contract then allows either outcome, never a normal end
    // with a session missing nor a session twice (PageWalkModelTest proves it over adversarial orders).
    sandboxWith(1000);
    List<String> original = expectedIds();
    sandbox().faults().insertAtHeadBetweenPages(250, 2);
    List<String> ids = new ArrayList<>();

    try {
      client().sessions().listAll(ListSessionsParams.none()).concurrency(4).forEach(s -> ids.add(s.getId()));
      assertThat(ids).containsAll(original);
    } catch (dev.agp.client.errors.AgpPaginationException e) {
      assertThat(e.sessionsYielded()).isEqualTo(ids.size());
    }
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void pagesGiveWholePagesWithTheirNumbers() {
    sandboxWith(230);
    List<SessionPage> pages = new ArrayList<>();
    client().sessions().listAll(ListSessionsParams.none()).pages().forEach(pages::add);
    // Each page holds the sessions first seen on it: windows overlap the last session already yielded.
    assertThat(pages).extracting(SessionPage::page).containsExactly(1, 2, 3);
    assertThat(pages).extracting(SessionPage::pageSize).containsExactly(100, 98, 97);
    assertThat(pages).extracting(p -> p.items().size()).containsExactly(100, 96, 34);
    assertThat(pages).allSatisfy(p -> assertThat(p.total()).isEqualTo(230));
  }

  @Test
  void forEachAsyncHandsOverEverySessionInOrder() throws Exception {
    sandboxWith(530);
    List<String> ids = new CopyOnWriteArrayList<>();
    client().sessions().listAll(ListSessionsParams.none()).forEachAsync(s -> ids.add(s.getId())).get(10, TimeUnit.SECONDS);
    assertThat(ids).isEqualTo(expectedIds());
  }

  @Test
  void aFailingPageFailsTheWalkWithTheTypedErrorAfterRetries() {
    sandboxWith(300);
    AgpClient client = track(builder().maxRetries(1).build());
    CloseableIterator<SessionSummary> iterator = client.sessions().listAll(ListSessionsParams.none()).concurrency(1).iterator();
    for (int i = 0; i < 100; i++) {
      iterator.next();
    }
    sandbox().faults().failNext(10, 500);
    assertThatThrownBy(() -> {
      while (iterator.hasNext()) {
        iterator.next();
      }
    }).isInstanceOf(InternalServerException.class);
    assertThat(iterator.hasNext()).isFalse();
  }

  @Test
  void invalidSettingsAreRejected() {
    SessionPager pager = client().sessions().listAll(ListSessionsParams.none());
    assertThatThrownBy(() -> pager.concurrency(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or more");
    assertThatThrownBy(() -> pager.limit(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or more");
    assertThat(pager.query().size()).hasValue(100);
  }

  @Test
  void anEmptyListingWithALimitYieldsNothing() {
    try (AgpSandbox empty = AgpSandbox.builder().empty().start();
        AgpClient client = AgpClient.builder().baseUrl(empty.baseUrl()).apiKey(empty.apiKey()).build()) {
      assertThat(client.sessions().listAll(ListSessionsParams.none()).limit(5).stream().count()).isZero();
    }
  }
}
