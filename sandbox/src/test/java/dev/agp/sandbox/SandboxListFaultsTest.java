package dev.agp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The standing list faults, proved through real HTTP requests to the sandbox. */
class SandboxListFaultsTest extends SandboxHttpTest {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final String CHILDREN = "/api/v2/sessions?size=100&parent_session_id=" + SandboxData.WIDE_MANAGER_ID;

  /** A list answer: status, whether it was marked broken, and its body. */
  private record Listing(int status, boolean marked, Map<String, Object> json) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items() {
      return (List<Map<String, Object>>) json.get("items");
    }

    List<String> ids() {
      return items().stream().map(i -> (String) i.get("id")).toList();
    }

    List<String> createdAt() {
      return items().stream().map(i -> (String) i.get("created_at")).toList();
    }

    int total() {
      return ((Double) json.get("total")).intValue();
    }

    int page() {
      return ((Double) json.get("page")).intValue();
    }
  }

  @SuppressWarnings("unchecked")
  private Listing get(String target) throws IOException {
    Request request = new Request.Builder().url(sandbox.baseUrl() + target.substring(1))
        .header("Authorization", "Bearer " + sandbox.apiKey()).build();
    try (Response response = http.newCall(request).execute()) {
      Object json = new Moshi.Builder().build().adapter(Object.class).fromJson(response.body().string());
      return new Listing(response.code(), response.header(AgpSandbox.BROKEN_BODY_HEADER) != null, (Map<String, Object>) json);
    }
  }

  private Listing page(int page, int size) throws IOException {
    return get("/api/v2/sessions?size=" + size + "&page=" + page);
  }

  /** Every session of the default listing, newest first, read page by page with no fault standing. */
  private List<Map<String, Object>> everything() throws IOException {
    List<Map<String, Object>> all = new ArrayList<>();
    for (int p = 1; ; p++) {
      Listing listing = page(p, 100);
      all.addAll(listing.items());
      if ((long) p * 100 >= listing.total()) {
        assertThat(all).hasSize(listing.total());
        return all;
      }
    }
  }

  /**
   * The listing is newest first without a repeated id, every id is a UUID, and each session that is not in
   * {@code seeded} has a created_at no other session shares (the seeded trees have ties, ordered by id).
   */
  private void assertOrderedWithUniqueIds(List<Map<String, Object>> all, List<String> seeded) {
    List<String> ids = all.stream().map(i -> (String) i.get("id")).toList();
    List<String> created = all.stream().map(i -> (String) i.get("created_at")).toList();
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> UUID.matcher(id).matches());
    assertThat(created).isSortedAccordingTo(Comparator.reverseOrder());
    for (int i = 0; i < all.size(); i++) {
      if (!seeded.contains(ids.get(i))) {
        assertThat(Collections.frequency(created, created.get(i))).as("sessions created at %s", created.get(i))
            .isEqualTo(1);
      }
    }
  }

  private List<String> seededIds() {
    return sandbox.data().newestFirst().stream().map(SandboxSession::id).toList();
  }

  // 1. Sustained inserts at the head.

  @Test
  void insertsAtTheHeadBeforeEveryListRequestPageOneIncluded() throws IOException {
    Listing before = page(1, 10);
    List<String> seeded = seededIds();
    sandbox.faults().insertAtHeadOnEveryList(3);

    Listing first = page(1, 10);
    assertThat(first.total()).isEqualTo(before.total() + 3);
    assertThat(first.marked()).isFalse();
    assertThat(first.createdAt().get(2)).isGreaterThan(before.createdAt().get(0));
    assertThat(first.ids().subList(0, 3)).doesNotContainAnyElementsOf(before.ids());
    assertThat(first.ids().subList(3, 10)).isEqualTo(before.ids().subList(0, 7));

    Listing second = page(2, 10);
    assertThat(second.total()).isEqualTo(before.total() + 6);
    assertThat(second.marked()).isFalse();
    // The three sessions inserted before page 2 pushed page 1's last three onto it.
    assertThat(second.ids().subList(0, 3)).isEqualTo(first.ids().subList(7, 10));

    sandbox.faults().clear();
    List<Map<String, Object>> all = everything();
    assertThat(all).hasSize(before.total() + 6);
    assertOrderedWithUniqueIds(all, seeded);
    assertThat(all.subList(0, 6)).extracting(i -> (String) i.get("id")).doesNotContainAnyElementsOf(seeded);
  }

  @Test
  void insertsAtTheHeadForConcurrentRequestsToo() throws Exception {
    int before = page(1, 1).total();
    List<String> seeded = seededIds();
    sandbox.faults().insertAtHeadOnEveryList(2);
    int requests = 8;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Listing>> answers = new ArrayList<>();
      for (int i = 1; i <= requests; i++) {
        int p = i;
        Callable<Listing> call = () -> {
          start.await();
          return page(p, 10);
        };
        answers.add(pool.submit(call));
      }
      start.countDown();
      for (Future<Listing> answer : answers) {
        Listing listing = answer.get();
        assertThat(listing.status()).isEqualTo(200);
        // Each answer counts at least its own inserts, at most everyone's.
        assertThat(listing.total()).isBetween(before + 2, before + 2 * requests);
      }
    } finally {
      pool.shutdownNow();
    }
    sandbox.faults().clear();
    List<Map<String, Object>> all = everything();
    assertThat(all).hasSize(before + 2 * requests);
    assertOrderedWithUniqueIds(all, seeded);
    assertThat(all.subList(0, 2 * requests)).extracting(i -> (String) i.get("id")).doesNotContainAnyElementsOf(seeded);
  }

  @Test
  void headInsertsSpareChildListsAndRejectedRequests() throws IOException {
    int sessions = sandbox.data().size();
    sandbox.faults().insertAtHeadOnEveryList(5);

    Listing children = get(CHILDREN);
    assertThat(children.total()).isEqualTo(120);
    assertThat(get("/api/v2/sessions?size=101").status()).isEqualTo(422);
    assertThat(sandbox.data().size()).isEqualTo(sessions);

    page(1, 10);
    assertThat(sandbox.data().size()).isEqualTo(sessions + 5);
  }

  @Test
  void headInsertsAddToTheBetweenPagesFault() throws IOException {
    int before = page(1, 10).total();
    sandbox.faults().insertAtHeadOnEveryList(1).insertAtHeadBetweenPages(4, 1);
    assertThat(page(1, 10).total()).isEqualTo(before + 1);
    assertThat(page(2, 10).total()).isEqualTo(before + 1 + 1 + 4);
    assertThat(page(3, 10).total()).isEqualTo(before + 1 + 1 + 4 + 1);
  }

  // 2. A growing tail.

  @Test
  void growsTheTailBeforeEveryListRequestLeavingTheHeadAlone() throws IOException {
    Listing before = page(1, 10);
    String oldestBefore = get("/api/v2/sessions?size=1&sort=created_at").createdAt().get(0);
    List<String> seeded = seededIds();
    sandbox.faults().growTailOnEveryList(4);

    Listing first = page(1, 10);
    assertThat(first.total()).isEqualTo(before.total() + 4);
    assertThat(first.marked()).isFalse();
    assertThat(first.ids()).isEqualTo(before.ids());

    // The oldest-first listing starts with the eight sessions appended so far, oldest first.
    Listing oldestFirst = get("/api/v2/sessions?size=8&sort=created_at");
    assertThat(oldestFirst.total()).isEqualTo(before.total() + 8);
    assertThat(oldestFirst.marked()).isFalse();
    assertThat(oldestFirst.createdAt()).isSorted().doesNotHaveDuplicates()
        .allMatch(created -> created.compareTo(oldestBefore) < 0);
    assertThat(oldestFirst.ids()).doesNotContainAnyElementsOf(before.ids());

    sandbox.faults().clear();
    List<Map<String, Object>> all = everything();
    assertThat(all).hasSize(before.total() + 8);
    assertOrderedWithUniqueIds(all, seeded);
    // They are the last eight of the newest-first listing.
    List<String> tail = new ArrayList<>(oldestFirst.ids());
    Collections.reverse(tail);
    assertThat(all.subList(all.size() - 8, all.size())).extracting(i -> (String) i.get("id"))
        .containsExactlyElementsOf(tail);
  }

  @Test
  void aGrowingTailKeepsANaivePagerGoingPageAfterPage() throws IOException {
    int size = 10;
    int before = page(1, size).total();
    sandbox.faults().growTailOnEveryList(size);
    // A naive pager reads until a short page or until it has read total items: neither ever comes.
    int pages = before / size + 20;
    int lastTotal = before;
    for (int p = 1; p <= pages; p++) {
      Listing listing = page(p, size);
      assertThat(listing.items()).as("page %d", p).hasSize(size);
      assertThat(listing.total()).as("page %d", p).isEqualTo(before + p * size).isGreaterThan(lastTotal)
          .isGreaterThan(p * size);
      lastTotal = listing.total();
    }
    sandbox.faults().clear();
    assertThat(page(1, size).total()).isEqualTo(lastTotal);
  }

  @Test
  void aGrowingTailSparesChildLists() throws IOException {
    int sessions = sandbox.data().size();
    sandbox.faults().growTailOnEveryList(5);
    Listing children = get(CHILDREN);
    assertThat(children.total()).isEqualTo(120);
    assertThat(children.items()).hasSize(100);
    assertThat(sandbox.data().size()).isEqualTo(sessions);
  }

  @Test
  void tailSessionsOfAnEmptySandboxAreOrderedToo() {
    try (AgpSandbox empty = AgpSandbox.builder().empty().start()) {
      List<String> first = empty.data().appendAtTail(3);
      List<String> second = empty.data().appendAtTail(2);
      List<SandboxSession> all = empty.data().newestFirst();
      assertThat(all).extracting(SandboxSession::id)
          .containsExactly(first.get(0), first.get(1), first.get(2), second.get(0), second.get(1));
      assertThat(all).extracting(SandboxSession::createdAt).isSortedAccordingTo(Comparator.reverseOrder())
          .doesNotHaveDuplicates();
    }
  }

  // 3. Repeated pages.

  @Test
  void repeatPagesAnswersPageOneWhateverPageIsAsked() throws IOException {
    Listing truth1 = page(1, 10);
    Listing truth2 = page(2, 10);
    sandbox.faults().repeatPages();

    Listing first = page(1, 10);
    assertThat(first.json()).isEqualTo(truth1.json());
    assertThat(first.marked()).isFalse();
    for (int p : List.of(2, 3, 50)) {
      Listing listing = page(p, 10);
      assertThat(listing.ids()).as("page %d", p).isEqualTo(truth1.ids());
      assertThat(listing.total()).isEqualTo(truth1.total());
      assertThat(listing.page()).isEqualTo(1);
      assertThat(listing.marked()).isTrue();
    }

    Listing childrenPage2 = get(CHILDREN + "&page=2");
    assertThat(childrenPage2.ids()).isEqualTo(get(CHILDREN).ids()).hasSize(100);
    assertThat(childrenPage2.marked()).isTrue();

    sandbox.faults().clear();
    Listing second = page(2, 10);
    assertThat(second.json()).isEqualTo(truth2.json());
    assertThat(second.marked()).isFalse();
  }

  // 4. One id repeated within a page.

  @Test
  void repeatIdsFillsThePageWithOneSessionAndCountsItAsTheTotal() throws IOException {
    Listing truth = page(1, 15);
    int lastPage = (truth.total() + 99) / 100;
    int onLastPage = truth.total() - (lastPage - 1) * 100;
    sandbox.faults().repeatIdsWithinPages();

    Listing first = page(1, 15);
    assertThat(first.ids()).hasSize(15).containsOnly(truth.ids().get(0));
    assertThat(first.total()).isEqualTo(15);
    assertThat(first.marked()).isTrue();

    Listing last = page(lastPage, 100);
    assertThat(last.ids()).hasSize(onLastPage).containsOnly(last.ids().get(0));
    assertThat(last.total()).isEqualTo(onLastPage);
    assertThat(last.marked()).isTrue();

    Listing pastTheEnd = page(lastPage + 1, 100);
    assertThat(pastTheEnd.items()).isEmpty();
    assertThat(pastTheEnd.total()).isZero();

    Listing children = get(CHILDREN);
    assertThat(children.ids()).hasSize(100).containsOnly(children.ids().get(0));
    assertThat(children.total()).isEqualTo(100);

    sandbox.faults().clear();
    Listing after = page(1, 15);
    assertThat(after.json()).isEqualTo(truth.json());
    assertThat(after.marked()).isFalse();
  }

  // 5. A negative total.

  @Test
  void negativeTotalFromAPageOn() throws IOException {
    List<Listing> truth = List.of(page(1, 10), page(2, 10), page(3, 10), page(4, 10));
    sandbox.faults().negativeTotalFromPage(3);

    for (int p = 1; p <= 4; p++) {
      Listing listing = page(p, 10);
      assertThat(listing.ids()).as("page %d", p).isEqualTo(truth.get(p - 1).ids());
      assertThat(listing.page()).isEqualTo(p);
      assertThat(listing.total()).as("page %d", p).isEqualTo(p >= 3 ? -1 : truth.get(0).total());
      assertThat(listing.marked()).as("page %d", p).isEqualTo(p >= 3);
    }

    sandbox.faults().clear();
    assertThat(page(3, 10).json()).isEqualTo(truth.get(2).json());
  }

  @Test
  void negativeTotalFromPageOneMarksEveryListIncludingChildren() throws IOException {
    sandbox.faults().negativeTotalFromPage(1);
    Listing children = get(CHILDREN);
    assertThat(children.total()).isEqualTo(-1);
    assertThat(children.items()).hasSize(100);
    assertThat(children.marked()).isTrue();
  }

  // Together.

  @Test
  void clearRemovesEveryListFaultAtOnce() throws IOException {
    int before = page(1, 10).total();
    sandbox.faults().insertAtHeadOnEveryList(2).growTailOnEveryList(3).repeatPages().repeatIdsWithinPages()
        .negativeTotalFromPage(1);
    assertThat(page(2, 10).marked()).isTrue();
    int sessions = sandbox.data().size();

    sandbox.faults().clear();
    Listing first = page(1, 10);
    Listing second = page(2, 10);
    assertThat(sandbox.data().size()).isEqualTo(sessions);
    assertThat(List.of(first.marked(), second.marked())).containsOnly(false);
    assertThat(second.page()).isEqualTo(2);
    assertThat(second.total()).isEqualTo(first.total()).isEqualTo(before + 2 + 3);
    assertThat(second.ids()).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first.ids());
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(() -> sandbox.faults().insertAtHeadOnEveryList(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().growTailOnEveryList(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sandbox.faults().negativeTotalFromPage(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
