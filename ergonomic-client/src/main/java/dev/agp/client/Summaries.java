package dev.agp.client;

import com.squareup.moshi.JsonAdapter;
import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.model.SessionSummary;
import dev.agp.generated.model.UserMessage;
import dev.agp.generated.runtime.AgpMoshi;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Derives the summary of a retrieved session, so that a tree's root looks like the nodes below it. */
final class Summaries {
  private static final JsonAdapter<UserMessage> MESSAGE = AgpMoshi.get().adapter(UserMessage.class);

  private Summaries() {}

  static SessionSummary of(Session session) {
    SessionStatus status = session.getStatus();
    return new SessionSummary()
        .id(session.getId())
        .agent(agentName(session.getRequest() == null ? null : session.getRequest().getAgent()))
        .statusRaw(status == null ? null : status.getStatusRaw())
        .firstMessage(firstMessage(session.getRequest() == null ? null : session.getRequest().getMessages()))
        .createdAt(session.getCreatedAt())
        .startedAt(session.getStartedAt())
        .finishedAt(session.getFinishedAt());
  }

  /** A catalog agent id is a string; an inline agent is an object with a {@code name}. */
  static @Nullable String agentName(@Nullable Object agent) {
    if (agent instanceof String name) {
      return name;
    }
    if (agent instanceof Map<?, ?> inline && inline.get("name") instanceof String name) {
      return name;
    }
    return null;
  }

  /** The messages were submitted as a string, one message, or a list of messages. */
  static @Nullable UserMessage firstMessage(@Nullable Object messages) {
    if (messages instanceof String text) {
      return new UserMessage().message(text);
    }
    if (messages instanceof List<?> list && !list.isEmpty()) {
      return firstMessage(list.get(0));
    }
    if (messages instanceof Map<?, ?>) {
      return MESSAGE.fromJsonValue(messages);
    }
    return null;
  }
}
