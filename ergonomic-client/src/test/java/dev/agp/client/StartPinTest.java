package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import dev.agp.sandbox.RecordedCall;
import dev.agp.sandbox.SandboxSession;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A newest-first walk pins created_before to the server's clock at its start. */
class StartPinTest extends SandboxTestBase {

  @Test
  void aBusyNewestFirstListingIsPinnedAfterTheFirstAnswerAndLosesNothing() {
    sandboxWith(1000);
    Set<String> before = sandbox().data().newestFirst().stream().map(SandboxSession::id).collect(Collectors.toSet());
    Instant start = sandbox().data().newestFirst().get(0).createdAt();
    sandbox().faults().insertAtHeadOnEveryList(7);

    List<String> ids = new ArrayList<>();
    client().sessions().listAll(ListSessionsParams.none()).concurrency(4).forEach(s -> ids.add(s.getId()));

    assertThat(ids).doesNotHaveDuplicates().containsAll(before);
    List<RecordedCall> calls = listCalls();
    List<String> pins = calls.stream().map(c -> c.queryParameter("created_before")).filter(p -> p != null).distinct().toList();
    assertThat(pins).as("one pin for the whole walk").hasSize(1);
    assertThat(Instant.parse(pins.get(0))).isAfter(start);
    assertThat(calls.get(calls.size() - 1).queryParameter("created_before")).isEqualTo(pins.get(0));
    // Sessions created after the pin were never listed.
    Map<String, Instant> created = sandbox().data().newestFirst().stream()
        .collect(Collectors.toMap(SandboxSession::id, SandboxSession::createdAt));
    Instant pin = Instant.parse(pins.get(0));
    assertThat(ids).allSatisfy(id -> assertThat(created.get(id)).isBefore(pin));
  }

  @Test
  void withoutThePinTheSameWalkNeedsMoreRequests() {
    sandboxWith(1000);
    sandbox().faults().insertAtHeadOnEveryList(7);
    client().sessions().listAll(ListSessionsParams.none()).concurrency(4).forEach(s -> { });
    int pinned = listCalls().size();

    sandboxWith(1000);
    sandbox().faults().insertAtHeadOnEveryList(7);
    // The same walk oldest-first is never pinned; newest-first with the caller's own far-future bound is not either.
    ListSessionsParams own = ListSessionsParams.builder().createdBefore(OffsetDateTime.parse("2100-01-01T00:00:00Z")).build();
    client().sessions().listAll(own).concurrency(4).forEach(s -> { });
    List<RecordedCall> calls = listCalls();

    assertThat(calls).allSatisfy(c -> assertThat(c.queryParameter("created_before")).isEqualTo("2100-01-01T00:00:00Z"));
    assertThat(calls.size()).as("requests unpinned vs pinned (%d)", pinned).isGreaterThan(pinned);
  }

  @Test
  void anOldestFirstWalkIsNotPinned() {
    sandboxWith(250);
    client().sessions().listAll(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_ASC).build()).forEach(s -> { });
    assertThat(listCalls()).isNotEmpty().allSatisfy(c -> assertThat(c.queryParameter("created_before")).isNull());
  }

  @Test
  void theStartIsOneSecondAfterTheServersDateAndNeverGuessed() {
    StartPin pin = StartPin.forWalk(ListSessionsParams.none()).orElseThrow();
    pin.learn(response(Map.of()));
    assertThat(pin.value()).as("no Date: no pin").isNull();
    pin.learn(response(Map.of("Date", List.of("yesterday"))));
    assertThat(pin.value()).as("a malformed Date: no pin").isNull();
    pin.learn(response(Map.of("Date", List.of("Thu, 07 May 2026 14:30:00 GMT"))));
    assertThat(pin.value()).isEqualTo(OffsetDateTime.parse("2026-05-07T14:30:01Z"));
    pin.learn(response(Map.of("Date", List.of("Thu, 07 May 2026 15:00:00 GMT"))));
    assertThat(pin.value()).as("learned once").isEqualTo(OffsetDateTime.parse("2026-05-07T14:30:01Z"));
    assertThat(pin.apply(ListSessionsParams.builder().size(5).build()).toString())
        .isEqualTo("ListSessionsParams{size=5, created_before=2026-05-07T14:30:01Z}");
    assertThat(StartPin.forWalk(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_ASC).build())).isEmpty();
  }

  private List<RecordedCall> listCalls() {
    return sandbox().requests().stream().filter(c -> c.path().equals("/api/v2/sessions")).toList();
  }

  private static ApiResponse<SessionSummary> response(Map<String, List<String>> headers) {
    return new ApiResponse<>(200, headers, new SessionSummary(), 1);
  }
}
