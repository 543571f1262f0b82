package dev.agp.it;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.client.AgpClient;
import dev.agp.client.SessionTree;
import dev.agp.client.TreeNode;
import dev.agp.client.TreeOptions;
import dev.agp.generated.model.SessionSummary;
import dev.agp.sandbox.SandboxData;
import dev.agp.sandbox.SandboxSession;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaginationAndTreeIT extends SandboxTestSupport {

  private List<String> mineNewestFirst() {
    return sandbox.data().newestFirst().stream()
        .filter(s -> s.owner().equals(SandboxSession.OWNER_ME)).map(SandboxSession::id).toList();
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void listAllYieldsEverySessionInOrder(int concurrency) {
    List<String> ids = client.sessions().listAll(ListSessionsParams.none()).concurrency(concurrency).stream()
        .map(SessionSummary::getId).toList();
    assertThat(ids).isEqualTo(mineNewestFirst());
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void listAllSurvivesInsertsAtTheHead(int concurrency) {
    List<String> before = mineNewestFirst();
    sandbox.faults().insertAtHeadBetweenPages(9, 3);

    List<String> ids = client.sessions().listAll(ListSessionsParams.none()).concurrency(concurrency).stream()
        .map(SessionSummary::getId).toList();

    assertThat(ids).doesNotHaveDuplicates().containsAll(before);
  }

  @Test
  void limitAndPrefetchBound() {
    sandbox.faults().latency(Duration.ofMillis(10));
    // Requests in flight as the client sees them, from the start of each call to its end, failure or
    // cancellation. The sandbox's own count is no measure of the bound: a request the pager cancelled (a
    // window it no longer needs) still sleeps out its latency in the server after the client has let it go.
    InFlight inFlight = new InFlight();
    AgpClient counted = clientBuilder().httpClient(http.newBuilder().eventListener(inFlight).build()).build();

    assertThat(counted.sessions().listAll(ListSessionsParams.builder().size(20).build()).concurrency(3).limit(90).stream().count())
        .isEqualTo(90);
    // Overlapping windows reach the 90th session and none starts beyond it. Their exact sizes depend on the
    // data: windows reach back past sessions created in the same instant, which the sandbox's trees have.
    assertThat(sandbox.requests()).isNotEmpty().allSatisfy(r -> {
      int page = Integer.parseInt(r.query().get("page").get(0));
      int size = Integer.parseInt(r.query().get("size").get(0));
      assertThat((long) (page - 1) * size).isLessThan(90);
      assertThat(size).isBetween(2, 40);
    });
    assertThat(inFlight.max.get()).isBetween(1, 3);
    assertThat(inFlight.now.get()).isZero();
    counted.close();
  }

  /**
   * Counts the calls in flight, and the most at once: from a call's start to its end, its failure or its
   * cancellation, whichever comes first. A cancelled call is over for the walk, which reuses its slot at once,
   * while OkHttp reports its failure a little later, from the thread that was reading its socket.
   */
  private static final class InFlight extends EventListener {
    private final Set<Call> open = ConcurrentHashMap.newKeySet();
    final AtomicInteger now = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();

    @Override
    public void callStart(Call call) {
      if (open.add(call)) {
        max.accumulateAndGet(now.incrementAndGet(), Math::max);
      }
    }

    @Override
    public void canceled(Call call) {
      over(call);
    }

    @Override
    public void callEnd(Call call) {
      over(call);
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
      over(call);
    }

    private void over(Call call) {
      if (open.remove(call)) {
        now.decrementAndGet();
      }
    }
  }

  @Test
  void aDeepTreeAndAWideOne() {
    SessionTree deep = client.sessions().tree(SandboxData.DEEP_TREE_ROOT_ID);
    SessionTree wide = client.sessions().tree(SandboxData.WIDE_MANAGER_ID, TreeOptions.builder().concurrency(2).build());
    assertThat(deep.size()).isEqualTo(121);
    assertThat(deep.preOrder().mapToInt(TreeNode::depth).max()).hasValue(4);
    assertThat(wide.root().children()).hasSize(120);
    assertThat(sandbox.maxInFlight()).isLessThanOrEqualTo(4);
  }

  @Test
  void aCycleIsReportedAndTheWalkEnds() {
    String child = sandbox.data().childIds(SandboxData.SMALL_TREE_ROOT_ID).get(0);
    sandbox.data().linkChild(child, SandboxData.SMALL_TREE_ROOT_ID);
    SessionTree tree = client.sessions().tree(SandboxData.SMALL_TREE_ROOT_ID);
    assertThat(tree.size()).isEqualTo(7);
    assertThat(tree.hasRepeats()).isTrue();
  }
}
