package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionOwner;
import dev.agp.generated.model.SessionSort;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionQueryTest extends MockServerTestBase {

  @Test
  void anEmptyQuerySendsNoParameters() throws Exception {
    enqueueJson(200, Json.page(1, 0));
    client().sessions().list(SessionQuery.all());
    assertThat(take().getTarget()).isEqualTo("/api/v2/sessions");
  }

  @Test
  void everyFilterReachesTheWireInApiForm() throws Exception {
    enqueueJson(200, Json.page(2, 0));
    SessionQuery query = SessionQuery.builder()
        .page(2)
        .pageSize(50)
        .sort(SessionSort.CREATED_AT_ASC)
        .status(LifecycleStatus.TIMED_OUT, LifecycleStatus.RUNNING, LifecycleStatus.TIMED_OUT)
        .statusNewerThanSdk("queued")
        .agent("web-price-finder", "h/web-surfer")
        .groupId("trip-planning-001")
        .parentSessionId("p-1")
        .owner(SessionOwner.ORGANIZATION)
        .build();

    client().sessions().list(query);

    assertThat(take().getTarget()).isEqualTo("/api/v2/sessions?page=2&size=50&sort=created_at"
        + "&status=timed_out&status=running&status=queued&agent=web-price-finder&agent=h%2Fweb-surfer"
        + "&group_id=trip-planning-001&parent_session_id=p-1&owner=organization");
  }

  @Test
  void theUnknownMemberCannotBeSentAndTheMessageListsWhatIsAllowed() {
    assertThatThrownBy(() -> SessionQuery.builder().status(LifecycleStatus.UNKNOWN_DEFAULT_OPEN_API))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be sent as status")
        .hasMessageContaining("pending, running, paused, idle, completed, failed, timed_out, interrupted")
        .hasMessageContaining("statusNewerThanSdk(");
    assertThatThrownBy(() -> SessionQuery.builder().sort(SessionSort.UNKNOWN_DEFAULT_OPEN_API))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("created_at, -created_at");
    assertThatThrownBy(() -> SessionQuery.builder().owner(SessionOwner.UNKNOWN_DEFAULT_OPEN_API))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("me, me-in-organization, organization, me-or-organization");
  }

  @Test
  void nullsAndBlanksAreRejected() {
    assertThatThrownBy(() -> SessionQuery.builder().status((LifecycleStatus) null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status must not be null");
    assertThatThrownBy(() -> SessionQuery.builder().agent("ok", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("agent must not be blank");
    assertThatThrownBy(() -> SessionQuery.builder().agents(java.util.Arrays.asList("a", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("agent must not be null");
    assertThatThrownBy(() -> SessionQuery.builder().groupId(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("groupId must not be blank");
    assertThatThrownBy(() -> SessionQuery.builder().parentSessionId(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("parentSessionId must not be null");
  }

  @Test
  void pageAndSizeLimitsAreEnforced() {
    assertThatThrownBy(() -> SessionQuery.builder().page(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("page must be 1 or more (pages are 1-based), but was 0");
    assertThatThrownBy(() -> SessionQuery.builder().pageSize(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("pageSize must be between 1 and 1000, but was 0");
    assertThatThrownBy(() -> SessionQuery.builder().pageSize(1001))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("pageSize must be between 1 and 1000, but was 1001");
    assertThat(SessionQuery.builder().page(1).pageSize(1000).build().pageSize()).hasValue(1000);
  }

  @Test
  void theNewerStatusEscapeHatchRejectsDocumentedAndMalformedValues() {
    assertThatThrownBy(() -> SessionQuery.builder().statusNewerThanSdk("running"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status(LifecycleStatus.RUNNING)");
    assertThatThrownBy(() -> SessionQuery.builder().statusNewerThanSdk("queued,running"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one status");
    assertThat(SessionQuery.builder().statusNewerThanSdk("awaiting_tool_results").build().statusesNewerThanSdk())
        .containsExactly("awaiting_tool_results");
  }

  @Test
  void queriesAreImmutableValues() {
    SessionQuery.Builder builder = SessionQuery.builder().status(LifecycleStatus.FAILED);
    SessionQuery first = builder.build();
    builder.status(LifecycleStatus.RUNNING);

    assertThat(first.statuses()).containsExactly(LifecycleStatus.FAILED);
    assertThat(first).isEqualTo(SessionQuery.builder().status(LifecycleStatus.FAILED).build());
    assertThat(first.toBuilder().page(3).build()).isNotEqualTo(first);
    assertThat(first.toString()).isEqualTo("SessionQuery{status=[failed]}");
    assertThat(SessionQuery.all().effectivePageSize()).isEqualTo(10);
    assertThatThrownBy(() -> first.statuses().add(LifecycleStatus.IDLE)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(List.copyOf(first.agents())).isEmpty();
  }

  @Test
  void hasMoreFollowsPageTimesSizeBelowTotal() {
    assertThat(new SessionPage(List.of(), 1, 10, 47).hasMore()).isTrue();
    assertThat(new SessionPage(List.of(), 5, 10, 50).hasMore()).isFalse();
    assertThat(new SessionPage(List.of(), 4, 10, 50).hasMore()).isTrue();
    assertThat(new SessionPage(List.of(), 1, 10, 0).hasMore()).isFalse();
    assertThat(new SessionPage(List.of(), Integer.MAX_VALUE, 1000, Long.MAX_VALUE).hasMore()).isTrue();
  }
}
