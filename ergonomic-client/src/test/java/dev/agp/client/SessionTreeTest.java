package dev.agp.client;

import dev.agp.client.errors.SessionTreeException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.NotFoundException;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionSummary;
import dev.agp.sandbox.RecordedCall;
import dev.agp.sandbox.SandboxData;
import dev.agp.sandbox.SandboxSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class SessionTreeTest extends SandboxTestBase {

  /** The expected walk, computed from the sandbox's data: pre-order, children newest first. */
  private List<String> expectedPreOrder(String rootId, int maxDepth) {
    List<String> order = new ArrayList<>();
    walk(rootId, 0, maxDepth, order, new HashSet<>());
    return order;
  }

  private void walk(String id, int depth, int maxDepth, List<String> order, Set<String> seen) {
    if (!seen.add(id)) {
      return;
    }
    order.add(id);
    if (depth == maxDepth) {
      return;
    }
    for (String child : childrenNewestFirst(id)) {
      walk(child, depth + 1, maxDepth, order, seen);
    }
  }

  private List<String> childrenNewestFirst(String id) {
    Set<String> children = new HashSet<>(sandbox().data().childIds(id));
    return sandbox().data().newestFirst().stream().map(SandboxSession::id).filter(children::contains).toList();
  }

  private static List<String> ids(SessionTree tree) {
    return tree.preOrder().map(TreeNode::id).toList();
  }

  @Test
  void aDeepTreeComesBackWholeInExactPreOrder() {
    SessionTree tree = client().sessions().tree(SandboxData.DEEP_TREE_ROOT_ID);

    assertThat(ids(tree)).isEqualTo(expectedPreOrder(SandboxData.DEEP_TREE_ROOT_ID, Integer.MAX_VALUE));
    assertThat(tree.size()).isEqualTo(121);
    assertThat(tree.root().depth()).isZero();
    assertThat(tree.root().node().parentId()).isEmpty();
    assertThat(tree.root().session().getAgent()).isEqualTo("h/manager");
    assertThat(tree.root().session().getStatus()).isEqualTo(LifecycleStatus.RUNNING);
    tree.preOrder().forEach(node -> node.children().forEach(child -> {
      assertThat(child.depth()).isEqualTo(node.depth() + 1);
      assertThat(child.node().parentId()).contains(node.id());
    }));
    assertThat(tree.preOrder().mapToInt(TreeNode::depth).max()).hasValue(4);
    assertThat(tree.hasRepeats()).isFalse();
    assertThat(tree.truncated()).isFalse();
  }

  @Test
  void aNodeWithMoreChildrenThanOnePageIsListedWhole() {
    SessionTree tree = client().sessions().tree(SandboxData.WIDE_MANAGER_ID);

    assertThat(tree.root().children()).hasSize(120);
    assertThat(ids(tree)).isEqualTo(expectedPreOrder(SandboxData.WIDE_MANAGER_ID, Integer.MAX_VALUE));
    List<RecordedCall> pages = sandbox().requests().stream()
        .filter(c -> SandboxData.WIDE_MANAGER_ID.equals(c.queryParameter("parent_session_id"))).toList();
    assertThat(pages).extracting(c -> c.queryParameter("page")).containsExactlyInAnyOrder("1", "2");
  }

  @Test
  void childrenIsAutoPaginated() {
    List<String> children = client().sessions().children(SandboxData.WIDE_MANAGER_ID).stream()
        .map(SessionSummary::getId).toList();
    assertThat(children).isEqualTo(childrenNewestFirst(SandboxData.WIDE_MANAGER_ID));
  }

  @Test
  void depthLimitIsEnforcedAndReported() {
    SessionTree tree = client().sessions().tree(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.builder().maxDepth(2).build());

    assertThat(ids(tree)).isEqualTo(expectedPreOrder(SandboxData.DEEP_TREE_ROOT_ID, 2)).hasSize(13);
    assertThat(tree.depthLimitReached()).isTrue();
    assertThat(tree.truncated()).isTrue();
    // Nodes at the limit are not expanded: no child list is requested for depth-2 sessions.
    Set<String> depthTwo = tree.preOrder().filter(n -> n.depth() == 2).map(TreeNode::id).collect(Collectors.toSet());
    assertThat(sandbox().requests()).noneMatch(c -> depthTwo.contains(c.queryParameter("parent_session_id")));
  }

  @Test
  void nodeLimitIsEnforcedAndReported() {
    SessionTree tree = client().sessions().tree(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.builder().maxNodes(10).build());

    assertThat(ids(tree)).isEqualTo(expectedPreOrder(SandboxData.DEEP_TREE_ROOT_ID, Integer.MAX_VALUE).subList(0, 10));
    assertThat(tree.nodeLimitReached()).isTrue();
  }

  @Test
  void aTwoNodeCycleIsReportedOnceAndNotFollowed() {
    String child = sandbox().data().childIds(SandboxData.SMALL_TREE_ROOT_ID).get(0);
    sandbox().data().linkChild(child, SandboxData.SMALL_TREE_ROOT_ID);
    List<RepeatedSession> heard = new CopyOnWriteArrayList<>();

    SessionTree tree = client().sessions().tree(SandboxData.SMALL_TREE_ROOT_ID, TreeOptions.builder().onRepeat(heard::add).build());

    assertThat(tree.size()).isEqualTo(7);
    assertThat(tree.repeats()).containsExactly(new RepeatedSession(SandboxData.SMALL_TREE_ROOT_ID, child, 2));
    assertThat(heard).isEqualTo(tree.repeats());
    assertThat(tree.hasRepeats()).isTrue();
  }

  @Test
  void aSelfParentIsReportedAndTheWalkEnds() {
    sandbox().data().linkChild(SandboxData.SMALL_TREE_ROOT_ID, SandboxData.SMALL_TREE_ROOT_ID);

    SessionTree tree = client().sessions().tree(SandboxData.SMALL_TREE_ROOT_ID);

    assertThat(tree.size()).isEqualTo(7);
    assertThat(tree.repeats()).containsExactly(
        new RepeatedSession(SandboxData.SMALL_TREE_ROOT_ID, SandboxData.SMALL_TREE_ROOT_ID, 1));
  }

  @Test
  void aChildUnderTwoParentsAppearsOnceWhereFirstMetInPreOrder() {
    List<String> children = childrenNewestFirst(SandboxData.SMALL_TREE_ROOT_ID);
    String first = children.get(0);
    String second = children.get(1);
    String grandchildOfSecond = childrenNewestFirst(second).get(0);
    sandbox().data().linkChild(first, grandchildOfSecond);

    SessionTree tree = client().sessions().tree(SandboxData.SMALL_TREE_ROOT_ID);

    assertThat(tree.size()).isEqualTo(7);
    assertThat(tree.find(grandchildOfSecond).orElseThrow().node().parentId()).contains(first);
    assertThat(tree.repeats()).containsExactly(new RepeatedSession(grandchildOfSecond, second, 2));
  }

  @Test
  void aFailingBranchFailsTheWalkNamingTheSessionAfterRetries() {
    String broken = childrenNewestFirst(SandboxData.DEEP_TREE_ROOT_ID).get(1);
    sandbox().faults().failChildListsOf(broken, 500);
    AgpClient client = track(builder().maxRetries(2).build());

    assertThatThrownBy(() -> client.sessions().tree(SandboxData.DEEP_TREE_ROOT_ID))
        .isInstanceOf(SessionTreeException.class)
        .hasMessageContaining(broken)
        .satisfies(e -> assertThat(((SessionTreeException) e).sessionId()).isEqualTo(broken))
        .cause().isInstanceOf(InternalServerException.class);
    assertThat(sandbox().requests()).filteredOn(c -> broken.equals(c.queryParameter("parent_session_id"))).hasSize(3);
  }

  @Test
  void anUnknownRootFailsWithItsId() {
    String missing = "00000000-0000-4000-8000-00000000dead";
    assertThatThrownBy(() -> client().sessions().tree(missing))
        .isInstanceOf(SessionTreeException.class)
        .cause().isInstanceOf(NotFoundException.class);
  }

  @Test
  void theInFlightBoundIsSharedAcrossTheWholeWalk() {
    sandbox().faults().latency(Duration.ofMillis(15));

    SessionTree tree = client().sessions().tree(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.builder().concurrency(3).build());

    assertThat(tree.size()).isEqualTo(121);
    assertThat(sandbox().maxInFlight()).isLessThanOrEqualTo(3);
  }

  /** Counts HTTP calls that started and have not ended, and calls waiting for their response. */
  static final class CallCounter extends EventListener {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger awaitingResponse = new AtomicInteger();
    final AtomicInteger canceled = new AtomicInteger();

    @Override
    public void callStart(Call call) {
      open.incrementAndGet();
    }

    @Override
    public void callEnd(Call call) {
      open.decrementAndGet();
    }

    @Override
    public void callFailed(Call call, java.io.IOException e) {
      open.decrementAndGet();
    }

    @Override
    public void requestHeadersEnd(Call call, okhttp3.Request request) {
      awaitingResponse.incrementAndGet();
    }

    @Override
    public void responseHeadersStart(Call call) {
      awaitingResponse.decrementAndGet();
    }

    @Override
    public void canceled(Call call) {
      canceled.incrementAndGet();
    }
  }

  @Test
  void noRequestOutlivesTheWalk() {
    sandbox().faults().latency(Duration.ofMillis(5));
    CallCounter calls = new CallCounter();
    OkHttpClient http = new OkHttpClient.Builder().eventListener(calls).build();
    try {
      AgpClient client = track(builder().httpClient(http).build());
      Set<Thread> before = Thread.getAllStackTraces().keySet();

      client.sessions().tree(SandboxData.WIDE_MANAGER_ID);

      // Every call has ended (its body read and closed) by the time the walk returns.
      assertThat(calls.open.get()).isZero();
      // The walk starts no thread of its own: only pooled threads may be new, OkHttp's dispatcher threads
      // and the client's callback threads.
      Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
      started.removeAll(before);
      assertThat(started).allSatisfy(t -> assertThat(t.getName()).containsAnyOf("OkHttp", "MockWebServer", "agp-callback-"));
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test
  void cancellingAnAsyncWalkCancelsItsRequests() {
    sandbox().faults().latency(Duration.ofMillis(500));
    CallCounter calls = new CallCounter();
    OkHttpClient http = new OkHttpClient.Builder().eventListener(calls).build();
    try {
      AgpClient client = track(builder().httpClient(http).build());
      CompletableFuture<SessionTree> walk = client.sessions().treeAsync(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.defaults());
      // Cancel while a request is known to be in flight: sent, its answer 500 ms away.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (calls.awaitingResponse.get() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      walk.cancel(true);

      assertThatThrownBy(walk::join).isInstanceOf(CancellationException.class);
      assertThat(calls.canceled.get()).isGreaterThanOrEqualTo(1);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Test
  void asyncTreeMatchesTheBlockingOne() throws Exception {
    SessionTree tree = client().sessions().treeAsync(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.defaults()).get(10, TimeUnit.SECONDS);
    assertThat(ids(tree)).isEqualTo(expectedPreOrder(SandboxData.DEEP_TREE_ROOT_ID, Integer.MAX_VALUE));
  }

  @Test
  void descendantsStreamsLazilyInPreOrderAndFilters() {
    Stream<SessionNode> all = client().sessions().descendants(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.defaults());
    assertThat(sandbox().requests()).isEmpty();
    List<String> ids = all.map(SessionNode::id).toList();
    assertThat(ids).isEqualTo(expectedPreOrder(SandboxData.DEEP_TREE_ROOT_ID, Integer.MAX_VALUE));

    TreeOptions failedOnly = TreeOptions.builder().filter(s -> "failed".equals(s.getStatusRaw())).build();
    List<SessionNode> failed = client().sessions().descendants(SandboxData.DEEP_TREE_ROOT_ID, failedOnly).toList();
    List<String> expectedFailed = expectedPreOrder(SandboxData.DEEP_TREE_ROOT_ID, Integer.MAX_VALUE).stream()
        .filter(id -> sandbox().data().get(id).orElseThrow().status().equals("failed")).toList();
    assertThat(failed).extracting(SessionNode::id).isEqualTo(expectedFailed).isNotEmpty();
  }

  @Test
  void aFilteredTreeKeepsAncestorsOfMatchesOnly() {
    TreeOptions failedOnly = TreeOptions.builder().filter(s -> "failed".equals(s.getStatusRaw())).build();

    SessionTree tree = client().sessions().tree(SandboxData.DEEP_TREE_ROOT_ID, failedOnly);

    Map<String, SandboxSession> byId = sandbox().data().newestFirst().stream()
        .collect(Collectors.toMap(SandboxSession::id, s -> s));
    tree.preOrder().skip(1).forEach(node -> {
      boolean matches = byId.get(node.id()).status().equals("failed");
      boolean hasMatchingDescendant = node.children().size() > 0;
      assertThat(matches || hasMatchingDescendant).as(node.id()).isTrue();
    });
    long failedInSandbox = expectedPreOrder(SandboxData.DEEP_TREE_ROOT_ID, Integer.MAX_VALUE).stream()
        .filter(id -> byId.get(id).status().equals("failed")).count();
    assertThat(tree.preOrder().filter(n -> "failed".equals(n.session().getStatusRaw())).count()).isEqualTo(failedInSandbox);
  }

  @Test
  void invalidOptionsAndIdsAreRejected() {
    assertThatThrownBy(() -> TreeOptions.builder().maxDepth(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TreeOptions.builder().maxNodes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TreeOptions.builder().concurrency(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client().sessions().tree(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRootSummaryComesFromTheRetrievedSession() {
    assertThat(Summaries.agentName("web-price-finder")).isEqualTo("web-price-finder");
    assertThat(Summaries.agentName(Map.of("name", "inline", "model", "m"))).isEqualTo("inline");
    assertThat(Summaries.agentName(null)).isNull();
    assertThat(Summaries.firstMessage("hi").getMessage()).isEqualTo("hi");
    assertThat(Summaries.firstMessage(List.of(Map.of("type", "user_message", "message", "first")))
        .getMessage()).isEqualTo("first");
    assertThat(Summaries.firstMessage(Map.of("message", "one"))).satisfies(m -> assertThat(m.getMessage()).isEqualTo("one"));
    assertThat(Summaries.firstMessage(List.of())).isNull();
  }
}
