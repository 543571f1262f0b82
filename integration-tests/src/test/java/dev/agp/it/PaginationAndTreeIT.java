package dev.agp.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.client.SessionQuery;
import dev.agp.client.SessionTree;
import dev.agp.client.TreeNode;
import dev.agp.client.TreeOptions;
import dev.agp.generated.model.SessionSummary;
import dev.agp.sandbox.SandboxData;
import dev.agp.sandbox.SandboxSession;
import java.time.Duration;
import java.util.List;
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
    List<String> ids = client.sessions().listAll(SessionQuery.all()).concurrency(concurrency).stream()
        .map(SessionSummary::getId).toList();
    assertThat(ids).isEqualTo(mineNewestFirst());
  }

  @ParameterizedTest(name = "concurrency {0}")
  @ValueSource(ints = {1, 4})
  void listAllSurvivesInsertsAtTheHead(int concurrency) {
    List<String> before = mineNewestFirst();
    sandbox.faults().insertAtHeadBetweenPages(9, 3);

    List<String> ids = client.sessions().listAll(SessionQuery.all()).concurrency(concurrency).stream()
        .map(SessionSummary::getId).toList();

    assertThat(ids).doesNotHaveDuplicates().containsAll(before);
  }

  @Test
  void limitAndPrefetchBound() {
    sandbox.faults().latency(Duration.ofMillis(10));
    assertThat(client.sessions().listAll(SessionQuery.builder().pageSize(20).build()).concurrency(3).limit(90).stream().count())
        .isEqualTo(90);
    // Overlapping windows of 20, 18, 17, 16, 20 and 19 sessions reach the 90th; none beyond it.
    assertThat(sandbox.requests()).extracting(r -> r.target())
        .containsExactlyInAnyOrder("/api/v2/sessions?page=1&size=20", "/api/v2/sessions?page=2&size=18",
            "/api/v2/sessions?page=3&size=17", "/api/v2/sessions?page=4&size=16", "/api/v2/sessions?page=4&size=20",
            "/api/v2/sessions?page=5&size=19");
    assertThat(sandbox.maxInFlight()).isLessThanOrEqualTo(3);
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
