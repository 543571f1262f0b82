package dev.agp.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Types;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionOwner;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.model.SessionSummary;
import dev.agp.generated.model.SessionSummaryPage;
import dev.agp.generated.model.UserMessage;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelDecodingTest {

  private final JsonAdapter<SessionSummaryPage> pages = AgpMoshi.get().adapter(SessionSummaryPage.class);

  @Test
  void decodesTheDocumentationPageExampleFieldByField() throws IOException {
    SessionSummaryPage page = pages.fromJson(Fixtures.json("doc-page-example.json"));

    assertThat(page.getPage()).isEqualTo(1);
    assertThat(page.getTotal()).isEqualTo(47);
    assertThat(page.getItems()).hasSize(2);

    SessionSummary first = page.getItems().get(0);
    assertThat(first.getId()).isEqualTo("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
    assertThat(first.getAgent()).isEqualTo("h/web-surfer-holo3-1-35b");
    assertThat(first.getStatus()).isEqualTo(LifecycleStatus.COMPLETED);
    assertThat(first.getStatusRaw()).isEqualTo("completed");
    assertThat(first.getCreatedAt()).isEqualTo(OffsetDateTime.of(2026, 5, 7, 14, 30, 0, 0, ZoneOffset.UTC));
    assertThat(first.getStartedAt()).isEqualTo(OffsetDateTime.of(2026, 5, 7, 14, 30, 2, 0, ZoneOffset.UTC));
    assertThat(first.getFinishedAt()).isEqualTo(OffsetDateTime.of(2026, 5, 7, 14, 31, 15, 0, ZoneOffset.UTC));
    UserMessage message = first.getFirstMessage();
    assertThat(message).isNotNull();
    assertThat(message.getType()).isEqualTo(UserMessage.TypeEnum.USER_MESSAGE);
    assertThat(message.getMessage()).isEqualTo("Top 3 stories on Hacker News?");
    assertThat(message.getImages()).isEmpty();
    assertThat(message.getCallerId()).isEqualTo("user");

    SessionSummary second = page.getItems().get(1);
    assertThat(second.getId()).isEqualTo("b2c3d4e5-f6a7-8901-bcde-f12345678901");
    assertThat(second.getAgent()).isEqualTo("web-price-finder");
    assertThat(second.getStatus()).isEqualTo(LifecycleStatus.RUNNING);
    assertThat(second.getFirstMessage().getMessage()).isEqualTo("Find direct flights CDG to NRT");
    assertThat(second.getCreatedAt()).isEqualTo(OffsetDateTime.of(2026, 5, 7, 14, 25, 0, 0, ZoneOffset.UTC));
    assertThat(second.getStartedAt()).isEqualTo(OffsetDateTime.of(2026, 5, 7, 14, 25, 1, 0, ZoneOffset.UTC));
    assertThat(second.getFinishedAt()).isNull();
  }

  @Test
  void toleratesNewerStatusesNullsAndUnknownFields() throws IOException {
    SessionSummaryPage page = pages.fromJson(Fixtures.json("newer-values.json"));

    assertThat(page.getPage()).isEqualTo(3);
    assertThat(page.getTotal()).isEqualTo(120);

    SessionSummary queued = page.getItems().get(0);
    assertThat(queued.getStatus().isKnown()).isFalse();
    assertThat(queued.getStatusRaw()).isEqualTo("archived");
    assertThat(queued.getAgent()).isNull();
    assertThat(queued.getFirstMessage()).isNull();
    assertThat(queued.getStartedAt()).isNull();
    assertThat(queued.getCreatedAt()).isEqualTo(OffsetDateTime.of(2026, 5, 7, 15, 0, 0, 0, ZoneOffset.ofHours(2)));

    SessionSummary awaiting = page.getItems().get(1);
    assertThat(awaiting.getStatus().isKnown()).isFalse();
    assertThat(awaiting.getStatusRaw()).isEqualTo("escalated");
    assertThat(awaiting.getFirstMessage().getMessage()).isEqualTo("Call my tool");
  }

  @Test
  void unknownStatusSurvivesReEncoding() throws IOException {
    SessionSummaryPage page = pages.fromJson(Fixtures.json("newer-values.json"));
    String encoded = pages.toJson(page);
    assertThat(encoded).contains("\"status\":\"archived\"").contains("\"status\":\"escalated\"");
  }

  @Test
  void decodesASessionWithAnInlineAgentAndMessageList() throws IOException {
    Session session = AgpMoshi.get().adapter(Session.class).fromJson(Fixtures.json("session.json"));

    assertThat(session.getId()).isEqualTo("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
    assertThat(session.getRequest().getAgent()).isEqualTo(Map.of("name", "my-inline-agent", "model", "holo3-1-35b"));
    assertThat(session.getRequest().getMessages()).isInstanceOf(List.class);
    SessionStatus status = session.getStatus();
    assertThat(status.getStatus()).isEqualTo(LifecycleStatus.COMPLETED);
    assertThat(status.getError()).isNull();
    assertThat(status.getSteps()).isEqualTo(12);
    assertThat(status.getUsagePerModel()).singleElement().satisfies(usage -> {
      assertThat(usage.getName()).isEqualTo("holo3-1-35b");
      assertThat(usage.getInputTokens()).isEqualTo(48210L);
      assertThat(usage.getOutputTokens()).isEqualTo(1830L);
      assertThat(usage.getReasoningTokens()).isZero();
    });
    assertThat(status.getSubagentSessionIds())
        .containsExactly("c3d4e5f6-a7b8-9012-cdef-234567890abc", "d4e5f6a7-b8c9-0123-def4-34567890abcd");
    assertThat(session.getFinishedAt()).isEqualTo(OffsetDateTime.of(2026, 5, 7, 14, 31, 15, 0, ZoneOffset.UTC));
  }

  @Test
  void aCatalogAgentIdDecodesToAString() throws IOException {
    Session session = AgpMoshi.get().adapter(Session.class).fromJson(
        "{\"id\":\"x\",\"request\":{\"agent\":\"web-price-finder\",\"messages\":\"hi\"},"
            + "\"status\":{\"status\":\"running\"},\"created_at\":\"2026-05-07T14:25:00Z\"}");
    assertThat(session.getRequest().getAgent()).isEqualTo("web-price-finder");
    assertThat(session.getRequest().getMessages()).isEqualTo("hi");
    assertThat(session.getStatus().getSubagentSessionIds()).isEmpty();
    assertThat(session.getStatus().getSteps()).isZero();
  }

  @Test
  void enumsDecodedOnTheirOwnFallBackToTheUnknownMember() throws IOException {
    JsonAdapter<List<LifecycleStatus>> adapter =
        AgpMoshi.get().adapter(Types.newParameterizedType(List.class, LifecycleStatus.class));
    assertThat(adapter.fromJson("[\"timed_out\",\"archived\",null]"))
        .containsExactly(LifecycleStatus.TIMED_OUT, LifecycleStatus.of("brand_new"), null);
    assertThat(adapter.toJson(List.of(LifecycleStatus.TIMED_OUT))).isEqualTo("[\"timed_out\"]");
    for (LifecycleStatus known : LifecycleStatus.knownValues()) {
      assertThat(adapter.fromJson("[\"" + known.getValue() + "\"]")).containsExactly(known);
    }
  }

  @Test
  void anEnumValueThatIsNotAStringFailsWithThePath() {
    JsonAdapter<List<LifecycleStatus>> adapter =
        AgpMoshi.get().adapter(Types.newParameterizedType(List.class, LifecycleStatus.class));
    assertThatThrownBy(() -> adapter.fromJson("[\"running\", 7]"))
        .isInstanceOf(JsonDataException.class)
        .hasMessage("Expected a string for LifecycleStatus but was NUMBER at path $[1]");
  }

  @Test
  void aMalformedTimestampFailsWithThePath() {
    assertThatThrownBy(() -> pages.fromJson(
            "{\"items\":[{\"id\":\"x\",\"status\":\"running\",\"created_at\":\"yesterday\"}],\"page\":1,\"total\":1}"))
        .isInstanceOf(JsonDataException.class)
        .hasMessageContaining("yesterday")
        .hasMessageContaining("$.items[0].created_at");
  }

  @Test
  void fromValueMapsEveryDocumentedStatusAndNull() {
    for (LifecycleStatus status : LifecycleStatus.values()) {
      assertThat(LifecycleStatus.fromValue(status.getValue())).isSameAs(status);
      assertThat(status.toString()).isEqualTo(status.getValue());
    }
    assertThat(LifecycleStatus.fromValue(null)).isNull();
    assertThat(LifecycleStatus.fromValue("brand_new").isKnown()).isFalse();
  }

  @Test
  void everyGeneratedEnumIsOpenWithItsKnownValuesInSpecOrder() {
    assertThat(LifecycleStatus.knownValues()).extracting(LifecycleStatus::getValue)
        .containsExactly("queued", "pending", "running", "paused", "idle", "awaiting_tool_results", "completed",
            "failed", "timed_out", "interrupted");
    assertThat(LifecycleStatus.knownValues()).allMatch(LifecycleStatus::isKnown);
    assertThat(LifecycleStatus.fromValue("brand_new").isKnown()).isFalse();
    assertThat(SessionSort.knownValues()).extracting(SessionSort::getValue).containsExactly("created_at", "-created_at");
    assertThat(SessionOwner.knownValues()).noneMatch(owner -> !owner.isKnown());
    assertThat(LifecycleStatus.values()).hasSize(LifecycleStatus.knownValues().size() + 1);
    assertThat(dev.agp.generated.runtime.OpenEnum.class).isAssignableFrom(LifecycleStatus.class);
  }
}
