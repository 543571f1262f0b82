package dev.agp.client;

import dev.agp.client.errors.SessionTreeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.generated.model.SessionSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * {@link TreeWalk}'s decisions one by one, with answers completed by hand: what it requests when, what it
 * reads ahead, how it ends, reports and cancels. The model suite proves the contract over random forests;
 * these pin the exact behaviour.
 */
class TreeWalkTest {

  private final Map<String, List<String>> children = new HashMap<>();
  private final Map<String, Long> created = new HashMap<>();
  /** Requests in the order made: "root" for the retrieve, else the parent id; with their futures. */
  private final Map<Integer, String> made = new LinkedHashMap<>();
  private final List<CompletableFuture<?>> futures = new ArrayList<>();
  private final List<String[]> lists = new ArrayList<>();
  private long clock = 1_000;

  private void tree(String parent, String... kids) {
    children.put(parent, List.of(kids));
    created.putIfAbsent(parent, clock--);
    for (String kid : kids) {
      created.putIfAbsent(kid, clock--);
      children.putIfAbsent(kid, List.of());
    }
  }

  private SessionSummary summary(String id) {
    return ListingModel.summary(new ListingModel.Entry(created.getOrDefault(id, 0L), id));
  }

  private TreeWalk walk(TreeOptions options) {
    return new TreeWalk("R", options, id -> {
      CompletableFuture<SessionSummary> f = new CompletableFuture<>();
      made.put(futures.size(), "retrieve");
      futures.add(f);
      lists.add(null);
      return f;
    }, (parent, page, size) -> {
      CompletableFuture<SessionPage> f = new CompletableFuture<>();
      made.put(futures.size(), parent);
      futures.add(f);
      lists.add(new String[] {parent, String.valueOf(page), String.valueOf(size)});
      return f;
    });
  }

  /** Answers every request made so far (and those they trigger) until none is left unanswered. */
  @SuppressWarnings("unchecked")
  private void answerAll() {
    for (int i = 0; i < futures.size(); i++) {
      CompletableFuture<Object> f = (CompletableFuture<Object>) futures.get(i);
      if (f.isDone()) {
        continue;
      }
      String[] list = lists.get(i);
      if (list == null) {
        f.complete(summary("R"));
      } else {
        List<String> kids = children.getOrDefault(list[0], List.of());
        int page = Integer.parseInt(list[1]);
        int size = Integer.parseInt(list[2]);
        List<SessionSummary> items = new ArrayList<>();
        for (int k = (page - 1) * size; k < Math.min(kids.size(), page * size); k++) {
          items.add(summary(kids.get(k)));
        }
        f.complete(new SessionPage(items, page, size, kids.size()));
      }
    }
  }

  /** Answers the first {@code count} requests only. */
  @SuppressWarnings("unchecked")
  private void answerFirst(int count) {
    List<CompletableFuture<?>> snapshot = new ArrayList<>(futures.subList(0, count));
    List<String[]> snapshotLists = new ArrayList<>(lists.subList(0, count));
    for (int i = 0; i < count; i++) {
      String[] list = snapshotLists.get(i);
      if (list == null) {
        ((CompletableFuture<Object>) snapshot.get(i)).complete(summary("R"));
      } else {
        List<SessionSummary> items = children.get(list[0]).stream().map(this::summary).toList();
        ((CompletableFuture<Object>) snapshot.get(i)).complete(new SessionPage(items, 1, 100, items.size()));
      }
    }
  }

  private List<String> walkAll(TreeWalk walk) {
    List<String> order = new ArrayList<>();
    while (true) {
      CompletableFuture<SessionNode> pull = walk.next();
      while (!pull.isDone()) {
        answerAll();
      }
      SessionNode node = pull.join();
      if (node == null) {
        return order;
      }
      order.add("  ".repeat(node.depth()) + node.id());
    }
  }

  private List<String> listRequests() {
    return made.values().stream().filter(v -> !v.equals("retrieve")).toList();
  }

  @Test
  void aSmallTreeComesInPreOrderWithOneListRequestPerSession() {
    tree("R", "A", "B", "C");
    tree("A", "A1", "A2");
    tree("B", "B1");
    List<String> order = walkAll(walk(TreeOptions.builder().concurrency(2).build()));
    assertThat(order).containsExactly("R", "  A", "    A1", "    A2", "  B", "    B1", "  C");
    assertThat(listRequests()).containsExactlyInAnyOrder("R", "A", "B", "C", "A1", "A2", "B1");
    assertThat(made.values()).filteredOn("retrieve"::equals).hasSize(1);
  }

  @Test
  void nothingIsRequestedBeforeTheFirstPullAndThenTheRootAndItsListTogether() {
    tree("R", "A");
    TreeWalk walk = walk(TreeOptions.builder().concurrency(2).build());
    assertThat(made).isEmpty();
    walk.next();
    assertThat(made.values()).containsExactly("retrieve", "R");
  }

  @Test
  void readingAheadStopsAtFourListsPerRequestInFlight() {
    String[] kids = new String[50];
    for (int i = 0; i < kids.length; i++) {
      kids[i] = "K" + i;
    }
    tree("R", kids);
    TreeWalk walk = walk(TreeOptions.builder().concurrency(2).build());
    CompletableFuture<SessionNode> root = walk.next();
    answerAll();
    assertThat(root.join().id()).isEqualTo("R");
    // The consumer takes nothing more; the walk reads ahead as answers arrive, then stops.
    for (int round = 0; round < 20; round++) {
      answerAll();
    }
    assertThat(listRequests()).hasSize(1 + TreeWalk.LISTS_AHEAD_PER_REQUEST * 2)
        .startsWith("R", "K0", "K1", "K2", "K3");
  }

  @Test
  void readAheadRequestsTheNextChildListsWhileTheConsumerWaits() {
    tree("R", "A", "B", "C");
    TreeWalk walk = walk(TreeOptions.builder().concurrency(2).build());
    CompletableFuture<SessionNode> pull = walk.next();
    answerFirst(2);
    assertThat(pull.join().id()).isEqualTo("R");
    // R's children are known: the lists of A and B are read ahead (two in flight), C waits.
    assertThat(listRequests()).containsExactly("R", "A", "B");
  }

  @Test
  void theDepthLimitIsHonouredAndReported() {
    tree("R", "A");
    tree("A", "A1");
    TreeWalk walk = walk(TreeOptions.builder().maxDepth(1).build());
    assertThat(walkAll(walk)).containsExactly("R", "  A");
    assertThat(walk.depthLimitReached()).isTrue();
    assertThat(listRequests()).containsExactly("R");
  }

  @Test
  void depthZeroIsTheRootAloneWithoutAnyListRequest() {
    tree("R", "A");
    TreeWalk walk = walk(TreeOptions.builder().maxDepth(0).build());
    assertThat(walkAll(walk)).containsExactly("R");
    assertThat(walk.depthLimitReached()).isTrue();
    assertThat(listRequests()).isEmpty();
  }

  @Test
  void aTreeWithinTheDepthLimitDoesNotReportIt() {
    tree("R", "A");
    TreeWalk walk = walk(TreeOptions.builder().maxDepth(2).build());
    walkAll(walk);
    assertThat(walk.depthLimitReached()).isFalse();
    assertThat(walk.nodeLimitReached()).isFalse();
  }

  @Test
  void theNodeLimitEndsTheWalkReportsItOnceAndCancelsWhatIsInFlight() {
    tree("R", "A", "B", "C");
    List<Integer> told = new ArrayList<>();
    TreeWalk walk = walk(TreeOptions.builder().maxNodes(2).concurrency(4).onNodeLimit(told::add).build());
    assertThat(walkAll(walk)).containsExactly("R", "  A");
    assertThat(walk.nodeLimitReached()).isTrue();
    assertThat(told).containsExactly(2);
    assertThat(walk.next().join()).isNull();
    assertThat(futures).allSatisfy(f -> assertThat(f).isDone());
  }

  @Test
  void aTreeOfExactlyTheNodeLimitDoesNotReportIt() {
    tree("R", "A");
    List<Integer> told = new ArrayList<>();
    TreeWalk walk = walk(TreeOptions.builder().maxNodes(2).onNodeLimit(told::add).build());
    assertThat(walkAll(walk)).containsExactly("R", "  A");
    assertThat(walk.nodeLimitReached()).isFalse();
    assertThat(told).isEmpty();
  }

  @Test
  void aRepeatedSessionIsReportedOnceWhereItReappearsAndNotFollowed() {
    tree("R", "A", "B");
    tree("A", "S");
    children.put("B", List.of("R", "S"));
    List<RepeatedSession> told = new ArrayList<>();
    TreeWalk walk = walk(TreeOptions.builder().onRepeat(told::add).build());
    assertThat(walkAll(walk)).containsExactly("R", "  A", "    S", "  B");
    assertThat(told).containsExactly(new RepeatedSession("R", "B", 2), new RepeatedSession("S", "B", 2));
    assertThat(walk.repeats()).isEqualTo(told);
  }

  @Test
  void aListenerThatThrowsFailsTheWalk() {
    tree("R", "A");
    children.put("A", List.of("R"));
    IllegalStateException boom = new IllegalStateException("listener");
    TreeWalk walk = walk(TreeOptions.builder().onRepeat(r -> {
      throw boom;
    }).build());
    assertThatThrownBy(() -> walkAll(walk)).isInstanceOf(CompletionException.class).hasCause(boom);
  }

  @Test
  void closeCancelsTheRootAndEveryListAndAWaitingPullEnds() {
    tree("R", "A", "B");
    TreeWalk walk = walk(TreeOptions.builder().concurrency(4).build());
    CompletableFuture<SessionNode> pull = walk.next();
    walk.close();
    assertThat(futures).hasSize(2).allSatisfy(f -> assertThat(f).isCancelled());
    assertThat(pull.join()).isNull();
    assertThat(walk.next().join()).isNull();
    assertThat(futures).hasSize(2);
  }

  @Test
  void closeFromWithinAPassCancelsTheRootAndTheListsAtOnce() {
    tree("R", "A");
    List<Boolean> rootCancelledAtClose = new ArrayList<>();
    TreeWalk[] self = new TreeWalk[1];
    CompletableFuture<SessionSummary> root = new CompletableFuture<>();
    TreeWalk walk = new TreeWalk("R", TreeOptions.builder().concurrency(4).build(), id -> root,
        (parent, page, size) -> {
          self[0].close();
          rootCancelledAtClose.add(root.isCancelled());
          return new CompletableFuture<>();
        });
    self[0] = walk;
    CompletableFuture<SessionNode> pull = walk.next();
    assertThat(rootCancelledAtClose).containsExactly(true);
    assertThat(pull.join()).isNull();
  }

  @Test
  void closeEndsAWaitingPullEvenWhenTheRequestsIgnoreTheirCancel() {
    class Stubborn<T> extends CompletableFuture<T> {
      @Override
      public boolean cancel(boolean mayInterrupt) {
        return false;
      }
    }
    TreeWalk walk = new TreeWalk("R", TreeOptions.builder().concurrency(4).build(), id -> new Stubborn<>(),
        (parent, page, size) -> new Stubborn<>());
    CompletableFuture<SessionNode> pull = walk.next();
    walk.close();
    assertThat(pull).isCompletedWithValue(null);
  }

  @Test
  void closeAfterReadingAheadCancelsTheListsReadAhead() {
    tree("R", "A", "B", "C");
    TreeWalk walk = walk(TreeOptions.builder().concurrency(4).build());
    CompletableFuture<SessionNode> pull = walk.next();
    futures.get(1).complete(null);
    @SuppressWarnings("unchecked")
    CompletableFuture<SessionPage> rootList = (CompletableFuture<SessionPage>) futures.get(1);
    assertThat(rootList).isDone();
    walk.close();
    assertThat(futures).allSatisfy(f -> assertThat(f).isDone());
    assertThat(pull.join()).isNull();
  }

  @Test
  void aFailingListNamesItsSession() {
    tree("R", "A");
    TreeWalk walk = walk(TreeOptions.defaults());
    CompletableFuture<SessionNode> pull = walk.next();
    futures.get(0).completeExceptionally(new IllegalStateException("gone"));
    assertThatThrownBy(pull::join).hasCauseInstanceOf(SessionTreeException.class)
        .cause().hasMessageContaining("session R").hasRootCauseMessage("gone");
    assertThat(futures.get(1)).isCancelled();
  }

  @Test
  void aRootAnsweredAsAnotherSessionFailsTheWalkInsteadOfSpinning() {
    tree("R", "A");
    TreeWalk walk = walk(TreeOptions.defaults());
    CompletableFuture<SessionNode> pull = walk.next();
    @SuppressWarnings("unchecked")
    CompletableFuture<SessionSummary> root = (CompletableFuture<SessionSummary>) futures.get(0);
    root.complete(summary("S"));
    assertThatThrownBy(pull::join).hasCauseInstanceOf(SessionTreeException.class)
        .cause().hasMessageContaining("session R").hasMessageContaining("the answer is session S");
    assertThat(futures.get(1)).isDone();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRootAskedForInUpperCaseIsTheSessionTheServerNamesInLowerCase() {
    // Ids are UUIDs: DEADBEEF-… and deadbeef-… are one session. The walk used to fail (or, without its
    // check, ask for the root forever).
    tree("R", "A");
    TreeWalk walk = walk(TreeOptions.defaults());
    CompletableFuture<SessionNode> pull = walk.next();
    ((CompletableFuture<SessionSummary>) futures.get(0)).complete(summary("r"));
    answerAll();
    assertThat(pull.join().id()).isEqualTo("r");
    CompletableFuture<SessionNode> child = walk.next();
    answerAll();
    assertThat(child.join().id()).isEqualTo("A");
  }

  @Test
  void twoPullsAtOnceAreRefused() {
    tree("R");
    TreeWalk walk = walk(TreeOptions.defaults());
    walk.next();
    assertThatThrownBy(walk::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("one node at a time");
  }

  @Test
  void readingAheadNeverStartsListsBeyondTheNodeLimit() {
    tree("R", "A", "B", "C", "D");
    TreeWalk walk = walk(TreeOptions.builder().maxNodes(2).concurrency(4).build());
    CompletableFuture<SessionNode> pull = walk.next();
    answerFirst(2);
    assertThat(pull.join().id()).isEqualTo("R");
    assertThat(walk.next().join().id()).isEqualTo("A");
    // Room for one node after R: only A's list was read ahead.
    assertThat(listRequests()).containsExactly("R", "A");
    pull = walk.next();
    answerAll();
    assertThat(pull.join()).isNull();
    assertThat(walk.nodeLimitReached()).isTrue();
  }

  @Test
  void theNextPageOfTheListInHandIsReadOnlyWhenFewChildrenAreLeft() {
    String[] kids = new String[150];
    for (int i = 0; i < kids.length; i++) {
      kids[i] = "K" + i;
    }
    tree("R", kids);
    TreeWalk walk = walk(TreeOptions.builder().concurrency(2).maxDepth(1).build());
    List<String> order = new ArrayList<>();
    int pageTwoAskedAt = -1;
    while (true) {
      CompletableFuture<SessionNode> pull = walk.next();
      while (!pull.isDone()) {
        answerAll();
      }
      SessionNode node = pull.join();
      if (node == null) {
        break;
      }
      order.add(node.id());
      if (pageTwoAskedAt < 0 && lists.stream().anyMatch(l -> l != null && l[0].equals("R") && !l[1].equals("1"))) {
        pageTwoAskedAt = order.size();
      }
    }
    assertThat(order).hasSize(151);
    // 100 children in hand after page 1; page 2 is asked for once fewer than 2 are left (after the 99th).
    assertThat(pageTwoAskedAt).isEqualTo(100);
  }
}
