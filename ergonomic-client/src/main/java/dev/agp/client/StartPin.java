package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Pins a newest-first walk to the sessions created before it started, so that sessions created during the
 * walk are not listed at the head and cannot shift later pages: the walk then reads a listing that only
 * shrinks. The start is taken from the server, never from this machine's clock (a client clock behind the
 * server's would cut off sessions that existed when the walk began): one second after the later of the
 * {@code Date} of the answer to the walk's first page (truncated to the second) and the newest
 * {@code created_at} in that answer.
 * The second guards against a {@code Date} that lags the clock that stamps {@code created_at} (a proxy, a
 * cache): no session the walk could have seen at its start is ever cut off. Until that answer arrives, and
 * when it has neither, requests go out unpinned; the walk engine is exact either way.
 */
final class StartPin {

  private static final String CREATED_BEFORE = "created_before";

  private final AtomicReference<@Nullable OffsetDateTime> pin = new AtomicReference<>();

  private StartPin() {}

  /**
   * @param query the walk's parameters
   * @return a pin for a newest-first walk whose caller set no {@code created_before}; empty otherwise (an
   *     oldest-first walk sees new sessions only at its end, and a caller's own bound is kept as set)
   */
  static Optional<StartPin> forWalk(ListSessionsParams query) {
    boolean newestFirst = query.sort().map(s -> s == SessionSort.CREATED_AT_DESC).orElse(true);
    boolean declared = ListSessionsParams.PARAMETERS.stream().anyMatch(p -> p.name().equals(CREATED_BEFORE));
    boolean callerSetOne = !query.values().wireValues(CREATED_BEFORE).isEmpty();
    return newestFirst && declared && !callerSetOne ? Optional.of(new StartPin()) : Optional.empty();
  }

  /**
   * @param query the parameters of one request of the walk
   * @return them, pinned once the start is known
   */
  ListSessionsParams apply(ListSessionsParams query) {
    OffsetDateTime at = pin.get();
    return at == null ? query : query.toBuilder().wireValue(CREATED_BEFORE, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at)).build();
  }

  /**
   * Learns the start from an answer, once: its {@code Date} and its newest session.
   *
   * @param response an answer of the walk
   */
  void learn(ApiResponse<SessionPage> response) {
    if (pin.get() != null) {
      return;
    }
    OffsetDateTime start = null;
    Optional<String> date = response.header("Date");
    if (date.isPresent()) {
      try {
        start = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toOffsetDateTime();
      } catch (DateTimeParseException e) {
        // A malformed Date is ignored: the newest session below still bounds the start, or nothing is pinned.
      }
    }
    for (SessionSummary session : response.body().items()) {
      OffsetDateTime created = session.getCreatedAt();
      if (created != null && (start == null || created.isAfter(start))) {
        start = created;
      }
    }
    if (start != null) {
      pin.compareAndSet(null, start.withOffsetSameInstant(ZoneOffset.UTC).plusSeconds(1));
    }
  }

  /** @return the pin, once known */
  @Nullable OffsetDateTime value() {
    return pin.get();
  }
}
