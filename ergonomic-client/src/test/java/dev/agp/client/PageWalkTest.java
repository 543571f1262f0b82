package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.AgpPaginationException;
import dev.agp.client.errors.AgpPaginationException.Reason;
import dev.agp.client.errors.ErrorResponse;
import dev.agp.client.errors.InternalServerException;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * {@link PageWalk}'s decisions one by one, with answers completed by hand: which windows it requests and
 * when, what it yields, how it bridges, jumps, stops and cancels. The model suite proves the contract over
 * random schedules; these pin the exact plan.
 */
class PageWalkTest {

  /** Requests as the walk made them, answered by hand. */
  private static final class Requests {
    final List<String> made = new ArrayList<>();
    final List<CompletableFuture<SessionPage>> futures = new ArrayList<>();
    final List<int[]> windows = new ArrayList<>();

    CompletableFuture<SessionPage> fetch(int page, int size) {
      made.add(page + "/" + size);
      windows.add(new int[] {page, size});
      CompletableFuture<SessionPage> future = new CompletableFuture<>();
      futures.add(future);
      return future;
    }

    /** Answers request {@code i} from the model as it is now. */
    void answer(int i, ListingModel model) {
      int[] w = windows.get(i);
      futures.get(i).complete(model.page(w[0], w[1], true));
    }
  }

  private final Requests requests = new Requests();

  private PageWalk walk(int pageSize, int concurrency, long limit, boolean speculative) {
    return new PageWalk(requests::fetch, 1, pageSize, concurrency, limit, SessionSort.CREATED_AT_DESC, speculative, true);
  }

  /**
   * A server whose every answer is full and whose total starts at 60 and grows by 50 with each answer: a walk
   * over it can only stop on its budget.
   */
  private static PageWalk.Fetcher everGrowing() {
    long[] total = {60};
    return (page, size) -> {
      long start = (long) (page - 1) * size;
      List<SessionSummary> items = new ArrayList<>();
      for (long i = start; i < start + size; i++) {
        items.add(ListingModel.summary(new ListingModel.Entry(1_000_000 - i, "s" + i)));
      }
      SessionPage answer = new SessionPage(items, page, size, total[0]);
      total[0] += 50;
      return CompletableFuture.completedFuture(answer);
    };
  }

  private static List<String> ids(CompletableFuture<PageWalk.Batch> pull) {
    PageWalk.Batch batch = pull.join();
    return batch == null ? null : batch.fresh().stream().map(SessionSummary::getId).toList();
  }

  /** Pulls to the end, answering every request from the model in order; returns the ids yielded. */
  private List<String> drain(PageWalk walk, ListingModel model) {
    List<String> all = new ArrayList<>();
    int answered = 0;
    while (true) {
      CompletableFuture<PageWalk.Batch> pull = walk.next();
      while (!pull.isDone()) {
        while (requests.futures.get(answered).isDone()) {
          answered++;
        }
        requests.answer(answered++, model);
      }
      List<String> batch = ids(pull);
      if (batch == null) {
        return all;
      }
      all.addAll(batch);
    }
  }

  @Test
  void aStillListingIsReadInOverlappingWindowsAndEndsAtTheShortOne() {
    ListingModel model = new ListingModel(250, false);
    List<String> ids = drain(walk(100, 1, Long.MAX_VALUE, false), model);
    assertThat(ids).hasSize(250).doesNotHaveDuplicates();
    assertThat(requests.made).containsExactly("1/100", "2/98", "3/97");
  }

  @Test
  void aSpeculativeWalkRequestsItsFirstWindowAtOnce() {
    PageWalk walk = walk(100, 4, Long.MAX_VALUE, true);
    walk.next();
    assertThat(requests.made).containsExactly("1/100", "2/98", "3/97", "4/96");
  }

  @Test
  void aWalkThatIsNotSpeculativeWaitsForTheFirstTotal() {
    ListingModel model = new ListingModel(250, false);
    PageWalk walk = walk(100, 4, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    assertThat(requests.made).containsExactly("1/100");
    requests.answer(0, model);
    assertThat(ids(pull)).hasSize(100);
    // Total 250: the second window is expected full (ends at 196), the third short (ends at 291): no fourth.
    assertThat(requests.made).containsExactly("1/100", "2/98", "3/97");
  }

  @Test
  void nothingIsRequestedBeforeThePull() {
    walk(100, 4, Long.MAX_VALUE, true);
    assertThat(requests.made).isEmpty();
  }

  @Test
  void aLimitPlansNoWindowBeyondIt() {
    ListingModel model = new ListingModel(2_000, false);
    assertThat(drain(walk(100, 4, 150, true), model)).hasSize(150);
    assertThat(requests.made).containsExactly("1/100", "2/98");
  }

  @Test
  void aLimitWithinTheFirstWindowMakesOneRequest() {
    ListingModel model = new ListingModel(2_000, false);
    assertThat(drain(walk(100, 4, 100, true), model)).hasSize(100);
    assertThat(requests.made).containsExactly("1/100");
  }

  @Test
  void aLimitOfOneYieldsOne() {
    ListingModel model = new ListingModel(5, false);
    assertThat(drain(walk(100, 1, 1, false), model)).hasSize(1);
    assertThat(requests.made).containsExactly("1/100");
  }

  @Test
  void insertsAtTheHeadBetweenAnswersAreOverlappedNotMissed() {
    ListingModel model = new ListingModel(30, false);
    List<String> original = model.page(1, 30, true).items().stream().map(SessionSummary::getId).toList();
    PageWalk walk = walk(10, 1, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    assertThat(ids(pull)).isEqualTo(original.subList(0, 10));
    model.insertAtHead(3);
    pull = walk.next();
    requests.answer(1, model);
    // Window 2 of 8 covers positions 8 to 15: three new sessions pushed the frontier to 12.
    assertThat(requests.made.get(1)).isEqualTo("2/8");
    assertThat(ids(pull)).isEqualTo(original.subList(10, 13));
  }

  @Test
  void aStallExplainedByGrowthJumpsToWhereTheFrontierMoved() {
    ListingModel model = new ListingModel(100, false);
    PageWalk walk = walk(10, 1, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    assertThat(ids(pull)).hasSize(10);
    model.insertAtHead(30);
    pull = walk.next();
    requests.answer(1, model);
    // Window 2/8 ([8, 16)) held only new sessions; the total grew by 30, so the frontier (at 9) should be at
    // 39: the walk asks for the window that contains 38 and 39 and reaches furthest, page 5 of 9 ([36, 45)).
    assertThat(pull).isNotDone();
    assertThat(requests.made).containsExactly("1/10", "2/8", "5/9");
    requests.answer(2, model);
    assertThat(ids(pull)).hasSize(5);
  }

  @Test
  void anAnswerThatStartsAfterTheFrontierIsBridgedAndKept() {
    ListingModel model = new ListingModel(40, false);
    List<String> original = model.page(1, 40, true).items().stream().map(SessionSummary::getId).toList();
    PageWalk walk = walk(10, 2, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    assertThat(ids(pull)).isEqualTo(original.subList(0, 10));
    assertThat(requests.made).containsExactly("1/10", "2/8", "3/7");
    // The five newest sessions go away: window 2/8 now starts after the frontier (which moved from 9 to 4).
    model.deleteNewest(5);
    pull = walk.next();
    requests.answer(1, model);
    assertThat(pull).isNotDone();
    // A bridge from where the frontier may be (0) past where the kept answer of 2/8 starts (8, plus the five
    // the total shrank by): the furthest-reaching window up to twice the page size, page 1 of 20.
    assertThat(requests.made).containsExactly("1/10", "2/8", "3/7", "1/20");
    requests.answer(3, model);
    assertThat(ids(pull)).isEqualTo(original.subList(10, 25));
    // The kept answer of 2/8 (sessions 13 to 20) is used without asking for it again: nothing new in it.
    List<String> all = new ArrayList<>(original.subList(0, 25));
    all.addAll(drain(walk, model));
    assertThat(all).isEqualTo(original);
  }

  /**
   * The CLI's flaky walk over a tail that grows a page with every request ({@code WalkStopsTest}), replayed by
   * hand: positions never move, so the server never repeats a page. Sessions 18 and 19 share an instant, so
   * the speculative window 2/18 starts inside the frontier's instant and is bridged. The first page is served
   * last, so the windows planned after it hold older, lower totals: the bridge, sized for a listing that seems
   * to have shrunk by 60, reaches position 79 and carries the frontier past every window in flight. Those then
   * bring nothing new, as expected of windows behind the frontier; two in a row were taken for repeated pages
   * (nothing new, and a total lower than the frontier's), a stop that blamed an honest server.
   */
  @Test
  void windowsABridgeCarriedTheFrontierPastAreNotTakenForRepeatedPages() {
    ListingModel model = new ListingModel(200, true);
    PageWalk walk = walk(20, 4, Long.MAX_VALUE, true);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    assertThat(requests.made).containsExactly("1/20", "2/18", "3/17", "4/16");
    for (int i : new int[] {1, 2, 3, 0}) {
      model.insertAtTail(20);
      requests.answer(i, model);
    }
    List<String> yielded = new ArrayList<>();
    AgpPaginationException stop = null;
    int answered = 0;
    while (stop == null) {
      while (!pull.isDone()) {
        while (requests.futures.get(answered).isDone()) {
          answered++;
        }
        model.insertAtTail(20);
        requests.answer(answered++, model);
      }
      try {
        PageWalk.Batch batch = pull.join();
        assertThat(batch).as("a listing that grows a page per answer never ends").isNotNull();
        batch.fresh().forEach(s -> yielded.add(s.getId()));
        pull = walk.next();
      } catch (CompletionException e) {
        stop = (AgpPaginationException) e.getCause();
      }
    }
    assertThat(requests.made.get(5)).as("the bridge").isEqualTo("1/80");
    assertThat(stop.reason()).as(stop.getMessage()).isEqualTo(Reason.BUDGET_EXHAUSTED);
    assertThat(stop.sessionsYielded()).isEqualTo(yielded.size());
    // Positions never move (the listing grows at its tail only): the listing's head, in order, each once.
    assertThat(yielded).isEqualTo(model.page(1, yielded.size(), true).items().stream().map(SessionSummary::getId).toList());
  }

  @Test
  void aFailedAnswerFailsThePullAndTheNextAndCancelsTheRest() {
    PageWalk walk = walk(100, 4, Long.MAX_VALUE, true);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    InternalServerException boom = new InternalServerException(
        new ErrorResponse(500, "GET", "/api/v2/sessions", "boom", List.of(), Map.of()));
    requests.futures.get(0).completeExceptionally(boom);
    assertThatThrownBy(pull::join).isInstanceOf(CompletionException.class).hasCause(boom);
    assertThat(requests.futures.subList(1, 4)).allSatisfy(f -> assertThat(f).isCancelled());
    assertThatThrownBy(() -> walk.next().join()).hasCause(boom);
    assertThat(requests.made).hasSize(4);
  }

  @Test
  void closeCancelsEveryRequestAndAWaitingPullEnds() {
    PageWalk walk = walk(100, 4, Long.MAX_VALUE, true);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    walk.close();
    assertThat(requests.futures).hasSize(4).allSatisfy(f -> assertThat(f).isCancelled());
    assertThat(pull.join()).isNull();
    assertThat(walk.next().join()).isNull();
    walk.close();
    assertThat(requests.made).hasSize(4);
  }

  @Test
  void closeFromWithinAPassCancelsWhatIsInFlightAtOnce() {
    // A close from another thread while a pass runs cannot wait for that pass: it cancels right away.
    List<CompletableFuture<SessionPage>> seenCancelled = new ArrayList<>();
    PageWalk[] self = new PageWalk[1];
    PageWalk walk = new PageWalk((page, size) -> {
      CompletableFuture<SessionPage> answer = requests.fetch(page, size);
      if (page == 3) {
        self[0].close();
        requests.futures.subList(0, 2).forEach(f -> {
          if (f.isCancelled()) {
            seenCancelled.add(f);
          }
        });
      }
      return answer;
    }, 1, 100, 4, Long.MAX_VALUE, SessionSort.CREATED_AT_DESC, true, true);
    self[0] = walk;
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    assertThat(seenCancelled).hasSize(2);
    assertThat(pull.join()).isNull();
  }

  @Test
  void closeEndsAWaitingPullEvenWhenTheRequestsIgnoreTheirCancel() {
    List<CompletableFuture<SessionPage>> stubborn = new ArrayList<>();
    PageWalk walk = new PageWalk((page, size) -> {
      CompletableFuture<SessionPage> answer = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterrupt) {
          return false;
        }
      };
      stubborn.add(answer);
      return answer;
    }, 1, 100, 2, Long.MAX_VALUE, SessionSort.CREATED_AT_DESC, true, true);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    walk.close();
    assertThat(pull).isCompletedWithValue(null);
    assertThat(stubborn).hasSize(2).noneSatisfy(f -> assertThat(f).isDone());
  }

  @Test
  void twoPullsAtOnceAreRefused() {
    PageWalk walk = walk(100, 1, Long.MAX_VALUE, false);
    walk.next();
    assertThatThrownBy(walk::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("one batch at a time");
  }

  @Test
  void aFetcherThatThrowsFailsTheWalk() {
    IllegalStateException broken = new IllegalStateException("broken");
    PageWalk walk = new PageWalk((page, size) -> {
      throw broken;
    }, 1, 100, 1, Long.MAX_VALUE, null, false, true);
    assertThatThrownBy(() -> walk.next().join()).hasCause(broken);
  }

  @Test
  void theBudgetIsExactAndTheMessageGivesTheNumbers() {
    // Every answer is full and the total keeps ahead: the walk can only stop on its budget.
    PageWalk walk = new PageWalk(everGrowing(), 1, 10, 1, Long.MAX_VALUE, null, false, true);
    long yielded = 0;
    AgpPaginationException stop = null;
    while (stop == null) {
      try {
        PageWalk.Batch batch = walk.next().join();
        assertThat(batch).isNotNull();
        yielded += batch.fresh().size();
      } catch (CompletionException e) {
        stop = (AgpPaginationException) e.getCause();
      }
    }
    // ceil(60 / 9) + 1 = 8 windows first needed: 3 x 8 + 10 + 1 = 35 requests.
    assertThat(stop.reason()).isEqualTo(Reason.BUDGET_EXHAUSTED);
    assertThat(stop.sessionsYielded()).isEqualTo(yielded);
    assertThat(stop.pagesRead()).isEqualTo(35);
    assertThat(stop).hasMessageContaining("budget of 35 requests (3 × the 8 pages the listing needed when first seen, plus 11)")
        .hasMessageContaining("Stopped after 35 requests and 35 pages read, with " + yielded + " sessions yielded")
        .hasMessageContaining("totals seen: first 60, last 1760, lowest 60, highest 1760")
        .hasMessageContaining("0 pages brought nothing new, 0 ranges re-read");
  }

  @Test
  void aCountOfOneIsSingular() {
    PageWalk walk = new PageWalk((page, size) -> CompletableFuture.completedFuture(
        new SessionPage(List.of(), page, size, -1)), 1, 10, 1, Long.MAX_VALUE, null, false, true);
    assertThatThrownBy(() -> walk.next().join()).hasCauseInstanceOf(AgpPaginationException.class)
        .cause().hasMessageContaining("Stopped after 1 request and 1 page read, with 0 sessions yielded")
        .hasMessageNotContaining("totals seen");
  }

  @Test
  void ceilDivRoundsUpWithoutOverflow() {
    assertThat(PageWalk.ceilDiv(0, 7)).isZero();
    assertThat(PageWalk.ceilDiv(-3, 7)).isZero();
    assertThat(PageWalk.ceilDiv(7, 7)).isEqualTo(1);
    assertThat(PageWalk.ceilDiv(8, 7)).isEqualTo(2);
    assertThat(PageWalk.ceilDiv(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(PageWalk.ceilDiv(Long.MAX_VALUE, 2)).isEqualTo(Long.MAX_VALUE / 2 + 1);
  }

  @Test
  void aCancelledAnswerFailsTheWalkAsACancellation() {
    PageWalk walk = walk(100, 1, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.futures.get(0).cancel(true);
    assertThatThrownBy(pull::join).isInstanceOf(CancellationException.class);
  }

  @Test
  void theEndCancelsTheWindowsStillInFlight() {
    ListingModel model = new ListingModel(250, false);
    PageWalk walk = walk(100, 4, Long.MAX_VALUE, true);
    List<String> all = new ArrayList<>();
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    all.addAll(ids(pull));
    pull = walk.next();
    requests.answer(1, model);
    all.addAll(ids(pull));
    pull = walk.next();
    requests.answer(2, model);
    all.addAll(ids(pull));
    // Window 3 was short and agreed with its total: the end. Window 4, requested at once, is cancelled.
    assertThat(walk.next().join()).isNull();
    assertThat(all).hasSize(250);
    assertThat(requests.futures.get(3)).isCancelled();
  }

  @Test
  void theNextWindowsAreRequestedBeforeTheBatchIsHandedOver() {
    ListingModel model = new ListingModel(2_000, false);
    PageWalk walk = walk(100, 2, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    List<Integer> requestsWhenHandedOver = new ArrayList<>();
    pull.thenRun(() -> requestsWhenHandedOver.add(requests.made.size()));
    requests.answer(0, model);
    assertThat(requestsWhenHandedOver).containsExactly(3);
  }

  @Test
  void aWindowExpectedFullIsFollowedAtOnceEvenWhenItEndsExactlyAtTheTotal() {
    ListingModel model = new ListingModel(196, false);
    PageWalk walk = walk(100, 4, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    ids(pull);
    // Window 2/98 ends at 196, the total: expected full, so the short window that proves the end follows.
    assertThat(requests.made).containsExactly("1/100", "2/98", "3/97");
  }

  @Test
  void noWindowIsPlannedOnceTheWindowsInFlightReachTheLimit() {
    ListingModel model = new ListingModel(2_000, false);
    PageWalk walk = walk(100, 4, 196, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    ids(pull);
    // 100 yielded and 96 expected from window 2/98 (positions 100 to 195): exactly the limit, nothing more.
    assertThat(requests.made).containsExactly("1/100", "2/98");
  }

  @Test
  void aListingOfExactlyTwoHundredEndsAtTheShortThirdWindow() {
    ListingModel model = new ListingModel(200, false);
    assertThat(drain(walk(100, 1, Long.MAX_VALUE, false), model)).hasSize(200);
    assertThat(requests.made).containsExactly("1/100", "2/98", "3/97");
  }

  @Test
  void anEmptyAnswerAfterTheFrontierIsReadAgainFromWhereTheFrontierShouldBe() {
    ListingModel model = new ListingModel(12, false);
    List<String> original = model.page(1, 12, true).items().stream().map(SessionSummary::getId).toList();
    PageWalk walk = walk(10, 1, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    assertThat(ids(pull)).isEqualTo(original.subList(0, 10));
    model.deleteNewest(5);
    pull = walk.next();
    requests.answer(1, model);
    // Window 2/8 is empty now (7 sessions left): the frontier (at 9) should be at 4; read from there.
    assertThat(requests.made).containsExactly("1/10", "2/8", "1/10");
    requests.answer(2, model);
    assertThat(ids(pull)).isEqualTo(original.subList(10, 12));
    assertThat(walk.next().join()).isNull();
  }

  @Test
  void aShortAnswerThatItsTotalContradictsGoesOnFromItsLastSession() {
    ListingModel model = new ListingModel(30, false);
    List<SessionSummary> all = model.page(1, 30, true).items();
    List<String> log = new ArrayList<>();
    int[] answers = {0};
    PageWalk walk = new PageWalk((page, size) -> {
      log.add(page + "/" + size);
      long start = (long) (page - 1) * size;
      // The first answer is cut short at 6 sessions while its total says 30.
      long end = answers[0]++ == 0 ? 6 : Math.min(30, start + size);
      List<SessionSummary> items = new ArrayList<>();
      for (long i = start; i < end; i++) {
        items.add(all.get((int) i));
      }
      return CompletableFuture.completedFuture(new SessionPage(items, page, size, 30));
    }, 1, 10, 1, Long.MAX_VALUE, SessionSort.CREATED_AT_DESC, false, true);
    List<String> ids = new ArrayList<>();
    for (PageWalk.Batch b = walk.next().join(); b != null; b = walk.next().join()) {
      b.fresh().forEach(x -> ids.add(x.getId()));
    }
    assertThat(ids).hasSize(30).doesNotHaveDuplicates();
    // After the short first answer, the next window contains its last session (5) and the one before (4).
    assertThat(log.get(1)).isEqualTo(Window.containing(5, 1, 10).page() + "/" + Window.containing(5, 1, 10).size());
  }

  @Test
  void anEmptyFirstAnswerThatItsTotalContradictsIsAskedAgainThenStops() {
    List<String> log = new ArrayList<>();
    PageWalk walk = new PageWalk((page, size) -> {
      log.add(page + "/" + size);
      return CompletableFuture.completedFuture(new SessionPage(List.of(), page, size, 6));
    }, 1, 10, 1, Long.MAX_VALUE, SessionSort.CREATED_AT_DESC, false, true);
    assertThatThrownBy(() -> walk.next().join()).hasCauseInstanceOf(AgpPaginationException.class)
        .cause().hasMessageContaining("page 1 (size 10) held 0 sessions while its total said 6");
    assertThat(log).containsExactly("1/10", "1/10");
  }

  @Test
  void aListingThatVanishesIsNotAnEndButOneThatShrinksALittleIs() {
    ListingModel model = new ListingModel(1_000, false);
    PageWalk walk = walk(100, 1, Long.MAX_VALUE, false);
    CompletableFuture<PageWalk.Batch> pull = walk.next();
    requests.answer(0, model);
    ids(pull);
    model.deleteNewest(1_000);
    pull = walk.next();
    requests.answer(1, model);
    requests.answer(2, model);
    CompletableFuture<PageWalk.Batch> vanished = pull;
    assertThatThrownBy(vanished::join).hasCauseInstanceOf(AgpPaginationException.class)
        .cause().hasMessageContaining("ends at 0 sessions, though it held 1000 during the walk");

    requests.made.clear();
    requests.futures.clear();
    requests.windows.clear();
    ListingModel small = new ListingModel(150, false);
    PageWalk other = walk(100, 1, Long.MAX_VALUE, false);
    pull = other.next();
    requests.answer(0, small);
    ids(pull);
    small.deleteNewest(40);
    // 150 then 110: less than half gone, the end is an end.
    List<String> rest = new ArrayList<>();
    for (int i = 1; ; i++) {
      pull = other.next();
      while (!pull.isDone()) {
        requests.answer(i++, small);
      }
      List<String> batch = ids(pull);
      if (batch == null) {
        break;
      }
      rest.addAll(batch);
      i--;
    }
    assertThat(rest).hasSize(50);
  }

  @Test
  void theBudgetCountsFromTheFirstPage() {
    PageWalk walk = new PageWalk(everGrowing(), 2, 10, 1, Long.MAX_VALUE, null, false, true);
    Throwable stop = null;
    while (stop == null) {
      try {
        walk.next().join();
      } catch (CompletionException e) {
        stop = e.getCause();
      }
    }
    // From page 2: 50 sessions after the start, ceil(50 / 9) + 1 = 7 windows: 3 x 7 + 10 + 1 = 32 requests.
    assertThat(stop).hasMessageContaining("budget of 32 requests (3 × the 7 pages");
  }
}
