package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.AgpPaginationException;
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
  void aListingTooBusyToWalkUnpinnedIsWalkedPinned() {
    // 90 new sessions at the head with every request: unpinned, the walk chases them until its budget is
    // spent (a typed failure); pinned, it reads a listing that only shrinks and ends with every session.
    // One request at a time, so that both outcomes are deterministic (24 requests against a failure at 80).
    sandboxWith(2000);
    List<String> original = sandbox().data().newestFirst().stream().map(SandboxSession::id).toList();
    sandbox().faults().insertAtHeadOnEveryList(90);
    List<String> ids = new ArrayList<>();
    client().sessions().listAll(ListSessionsParams.none()).concurrency(1).forEach(s -> ids.add(s.getId()));
    assertThat(ids).doesNotHaveDuplicates().containsAll(original);

    sandboxWith(2000);
    sandbox().faults().insertAtHeadOnEveryList(90);
    // The caller's own bound, far in the future, keeps the walk unpinned.
    ListSessionsParams own = ListSessionsParams.builder().createdBefore(OffsetDateTime.parse("2100-01-01T00:00:00Z")).build();
    assertThatThrownBy(() -> client().sessions().listAll(own).concurrency(1).forEach(s -> { }))
        .isInstanceOf(AgpPaginationException.class);
    assertThat(listCalls()).allSatisfy(c -> assertThat(c.queryParameter("created_before")).isEqualTo("2100-01-01T00:00:00Z"));
  }

  @Test
  void aServerDateBehindItsOwnTimestampsCutsOffNothing() {
    sandboxWith(1000);
    List<String> original = sandbox().data().newestFirst().stream().map(SandboxSession::id).toList();
    sandbox().faults().insertAtHeadOnEveryList(7);
    // A proxy whose clock lags a day behind the clock that stamps created_at.
    okhttp3.OkHttpClient lagging = new okhttp3.OkHttpClient.Builder().addNetworkInterceptor(chain -> {
      okhttp3.Response response = chain.proceed(chain.request());
      java.util.Date date = response.headers().getDate("Date");
      return date == null ? response : response.newBuilder()
          .header("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
              date.toInstant().minusSeconds(86_400).atZone(java.time.ZoneOffset.UTC)))
          .build();
    }).build();
    AgpClient client = track(builder().httpClient(lagging).build());

    List<String> ids = new ArrayList<>();
    client.sessions().listAll(ListSessionsParams.none()).concurrency(4).forEach(s -> ids.add(s.getId()));

    assertThat(ids).doesNotHaveDuplicates().containsAll(original);
    assertThat(listCalls()).anySatisfy(c -> assertThat(c.queryParameter("created_before")).isNotNull());
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
    assertThat(pin.value()).as("no Date and no session: no pin").isNull();
    pin.learn(response(Map.of("Date", List.of("yesterday"))));
    assertThat(pin.value()).as("a malformed Date: no pin").isNull();
    pin.learn(response(Map.of("Date", List.of("Thu, 07 May 2026 14:30:00 GMT"))));
    assertThat(pin.value()).isEqualTo(OffsetDateTime.parse("2026-05-07T14:30:01Z"));
    pin.learn(response(Map.of("Date", List.of("Thu, 07 May 2026 15:00:00 GMT"))));
    assertThat(pin.value()).as("learned once").isEqualTo(OffsetDateTime.parse("2026-05-07T14:30:01Z"));
    assertThat(pin.apply(ListSessionsParams.builder().size(5).build()).toString())
        .isEqualTo("ListSessionsParams{size=5, created_before=2026-05-07T14:30:01Z}");
    assertThat(StartPin.forWalk(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_ASC).build())).isEmpty();

    StartPin lagging = StartPin.forWalk(ListSessionsParams.none()).orElseThrow();
    lagging.learn(response(Map.of("Date", List.of("Thu, 07 May 2026 14:30:00 GMT")), "2026-05-07T16:00:00.250Z",
        "2026-05-07T15:00:00Z"));
    assertThat(lagging.value()).as("the newest session wins over a lagging Date")
        .isEqualTo(OffsetDateTime.parse("2026-05-07T16:00:01.250Z"));
    StartPin noDate = StartPin.forWalk(ListSessionsParams.none()).orElseThrow();
    noDate.learn(response(Map.of(), "2026-05-07T15:00:00Z"));
    assertThat(noDate.value()).isEqualTo(OffsetDateTime.parse("2026-05-07T15:00:01Z"));
  }

  private List<RecordedCall> listCalls() {
    return sandbox().requests().stream().filter(c -> c.path().equals("/api/v2/sessions")).toList();
  }

  private static ApiResponse<SessionPage> response(Map<String, List<String>> headers, String... createdAt) {
    List<SessionSummary> items = new ArrayList<>();
    for (String at : createdAt) {
      items.add(new SessionSummary().createdAt(OffsetDateTime.parse(at)));
    }
    return new ApiResponse<>(200, headers, new SessionPage(items, 1, 10, items.size()), 1);
  }
}
