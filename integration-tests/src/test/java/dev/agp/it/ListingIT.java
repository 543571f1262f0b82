package dev.agp.it;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.client.ApiResponse;
import dev.agp.client.SessionPage;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionOwner;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.model.SessionSummary;
import dev.agp.sandbox.SandboxData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ListingIT extends SandboxTestSupport {

  @Test
  void aPageCarriesItsNumberSizeTotalAndWhetherMoreExist() {
    SessionPage page = client.sessions().list(ListSessionsParams.builder().size(5).build());
    assertThat(page.items()).hasSize(5);
    assertThat(page.page()).isEqualTo(1);
    assertThat(page.pageSize()).isEqualTo(5);
    assertThat(page.total()).isGreaterThan(300);
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void everyFilterNarrowsTheListing() {
    ListSessionsParams failedOrTimedOut = ListSessionsParams.builder().status(LifecycleStatus.FAILED, LifecycleStatus.TIMED_OUT).size(100).build();
    assertThat(client.sessions().list(failedOrTimedOut).items()).isNotEmpty()
        .allSatisfy(s -> assertThat(s.getStatus()).isIn(LifecycleStatus.FAILED, LifecycleStatus.TIMED_OUT));

    assertThat(client.sessions().list(ListSessionsParams.builder().agent("fast-searcher").size(100).build()).items())
        .isNotEmpty().allSatisfy(s -> assertThat(s.getAgent()).isEqualTo("fast-searcher"));

    assertThat(client.sessions().list(ListSessionsParams.builder().groupId("trip-planning-001").build()).total()).isPositive();

    SessionPage children = client.sessions().list(ListSessionsParams.builder().parentSessionId(SandboxData.DEEP_TREE_ROOT_ID).build());
    assertThat(children.total()).isEqualTo(3);

    long mine = client.sessions().list(ListSessionsParams.none()).total();
    long organization = client.sessions().list(ListSessionsParams.builder().owner(SessionOwner.ORGANIZATION).build()).total();
    assertThat(organization).isGreaterThan(mine);
  }

  @Test
  void bothSortsAreHonoured() {
    List<SessionSummary> newest = client.sessions().list(ListSessionsParams.builder().size(20).build()).items();
    List<SessionSummary> oldest = client.sessions().list(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_ASC).size(20).build()).items();
    assertThat(newest).extracting(SessionSummary::getCreatedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(oldest).extracting(SessionSummary::getCreatedAt).isSorted();
  }

  @Test
  void theLiveApisNewerStatusesAreTypedSince020() {
    SessionPage queued = client.sessions().list(ListSessionsParams.builder()
        .status(LifecycleStatus.QUEUED, LifecycleStatus.AWAITING_TOOL_RESULTS).size(100).build());

    assertThat(queued.items()).isNotEmpty().allSatisfy(s ->
        assertThat(s.getStatus()).isIn(LifecycleStatus.QUEUED, LifecycleStatus.AWAITING_TOOL_RESULTS));
    assertThat(queued.items()).extracting(SessionSummary::getStatus).contains(LifecycleStatus.QUEUED, LifecycleStatus.AWAITING_TOOL_RESULTS);
  }

  @Test
  void retrieveAndStatusOfAManager() {
    Session session = client.sessions().retrieve(SandboxData.DEEP_TREE_ROOT_ID);
    SessionStatus status = client.sessions().status(SandboxData.DEEP_TREE_ROOT_ID);
    assertThat(session.getId()).isEqualTo(SandboxData.DEEP_TREE_ROOT_ID);
    assertThat(status.getSubagentSessionIds()).hasSize(3);
    assertThat(Set.copyOf(status.getSubagentSessionIds())).isEqualTo(
        client.sessions().children(SandboxData.DEEP_TREE_ROOT_ID).stream().map(SessionSummary::getId).collect(Collectors.toSet()));
  }

  @Test
  void rawResponsesExposeStatusHeadersAndTheRequestId() {
    ApiResponse<SessionPage> response = client.sessions().withRawResponse().list(ListSessionsParams.none());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.header("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(response.requestId()).hasValueSatisfying(v -> assertThat(v).startsWith("sandbox-"));
  }

  @Test
  void asyncCallsWork() throws Exception {
    SessionPage page = client.sessions().listAsync(ListSessionsParams.builder().size(3).build()).get();
    SessionStatus status = client.sessions().statusAsync(page.items().get(0).getId()).get();
    assertThat(status.getStatusRaw()).isEqualTo(page.items().get(0).getStatusRaw());
    assertThat(waits).isEmpty();
  }

  @Test
  void everyExchangeWasCheckedAgainstTheSpec() {
    client.sessions().list(ListSessionsParams.none());
    client.sessions().retrieve(SandboxData.SMALL_TREE_ROOT_ID);
    client.sessions().status(SandboxData.SMALL_TREE_ROOT_ID);
    assertThat(contract.checked()).isEqualTo(3);
  }
}
