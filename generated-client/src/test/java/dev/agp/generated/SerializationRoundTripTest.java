package dev.agp.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionSummary;
import dev.agp.generated.model.SessionSummaryPage;
import dev.agp.generated.model.UserMessage;
import dev.agp.generated.runtime.AgpMoshi;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SerializationRoundTripTest {

  private final JsonAdapter<SessionSummaryPage> pages = AgpMoshi.get().adapter(SessionSummaryPage.class);

  @Test
  void encodingUsesTheApisSnakeCaseNames() {
    SessionSummary summary = new SessionSummary()
        .id("a1b2")
        .agent("web-price-finder")
        .status(LifecycleStatus.TIMED_OUT)
        .firstMessage(new UserMessage().message("hello").callerId("user"))
        .createdAt(OffsetDateTime.parse("2026-05-07T14:25:00Z"))
        .startedAt(OffsetDateTime.parse("2026-05-07T14:25:01Z"));

    @SuppressWarnings("unchecked")
    Map<String, Object> json =
        (Map<String, Object>) AgpMoshi.get().adapter(Object.class).fromJsonValue(
            AgpMoshi.get().adapter(SessionSummary.class).toJsonValue(summary));

    assertThat(json).containsOnlyKeys("id", "agent", "status", "first_message", "created_at", "started_at");
    assertThat(json.get("status")).isEqualTo("timed_out");
    assertThat(json.get("created_at")).isEqualTo("2026-05-07T14:25:00Z");
    @SuppressWarnings("unchecked")
    Map<String, Object> firstMessage = (Map<String, Object>) json.get("first_message");
    assertThat(firstMessage)
        .containsOnlyKeys("type", "message", "images", "caller_id")
        .containsEntry("type", "user_message")
        .containsEntry("caller_id", "user");
  }

  @Test
  void decodeEncodeDecodeIsLossless() throws IOException {
    SessionSummaryPage once = pages.fromJson(Fixtures.json("doc-page-example.json"));
    String encoded = pages.toJson(once);
    SessionSummaryPage twice = pages.fromJson(encoded);

    assertThat(twice).isEqualTo(once);
    assertThat(encoded).contains("\"first_message\"", "\"created_at\"", "\"started_at\"", "\"finished_at\"", "\"caller_id\"")
        .doesNotContain("firstMessage", "createdAt", "callerId");
  }
}
