package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.RateLimitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryTest extends MockServerTestBase {

  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void retryableStatusesAreRetriedThenSucceed(int status) {
    enqueueJson(status, "{\"detail\":\"busy\"}");
    enqueueJson(status, "{\"detail\":\"busy\"}");
    enqueueJson(200, Json.page(1, 1, "s1"));
    AgpClient client = track(builder().build());

    ApiResponse<SessionPage> response = client.sessions().withRawResponse().list(ListSessionsParams.none());

    assertThat(response.body().items()).extracting(s -> s.getId()).containsExactly("s1");
    assertThat(response.attempts()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).hasSize(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422})
  void otherStatusesFailAtOnce(int status) {
    enqueueJson(status, "{\"detail\":\"no\"}");
    AgpClient client = track(builder().build());

    AgpApiException error = assertThrows(AgpApiException.class, () -> client.sessions().status("s"));

    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void afterMaxRetriesTheLastErrorIsThrown() {
    for (int i = 0; i < 4; i++) {
      enqueueJson(503, "{\"detail\":\"attempt " + (i + 1) + "\"}");
    }
    AgpClient client = track(builder().maxRetries(3).build());

    InternalServerException error = assertThrows(InternalServerException.class, () -> client.sessions().status("s"));

    assertThat(error.serverMessage()).contains("attempt 4");
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(sleeper.waits).hasSize(3);
  }

  @Test
  void zeroRetriesMakesExactlyOneRequest() {
    enqueueJson(500, "{\"detail\":\"down\"}");
    AgpClient client = track(builder().maxRetries(0).build());
    assertThrows(InternalServerException.class, () -> client.sessions().status("s"));
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void backoffDoublesFromHalfASecondWithJitterAndIsCapped() {
    for (int i = 0; i < 7; i++) {
      enqueueJson(500, "{}");
    }
    AgpClient client = track(builder().maxRetries(6).build());
    assertThrows(InternalServerException.class, () -> client.sessions().status("s"));

    long[] bases = {500, 1000, 2000, 4000, 8000, 8000};
    assertThat(sleeper.waits).hasSize(bases.length);
    for (int i = 0; i < bases.length; i++) {
      // Jitter shortens each wait by at most 25%, never lengthens it.
      assertThat(sleeper.waits.get(i).toMillis()).as("wait %d", i)
          .isBetween(bases[i] * 3 / 4, bases[i]);
    }
  }

  @Test
  void retryPolicyBackoffIsExactAtTheJitterExtremes() {
    RetryPolicy policy = RetryPolicy.defaults();
    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoff(1, 0.999999)).isEqualTo(Duration.ofMillis(376));
    assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(policy.backoff(5, 0.0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(60, 0.0)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void retryAfterInSecondsIsHonoured() {
    enqueueJson(429, "{\"detail\":\"slow down\"}", "Retry-After", "7");
    enqueueJson(200, Json.page(1, 0));
    AgpClient client = track(builder().build());

    client.sessions().list(ListSessionsParams.none());

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsMeasuredAgainstTheClock() {
    String in12s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(12), ZoneOffset.UTC));
    String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.minusSeconds(30), ZoneOffset.UTC));
    enqueueJson(503, "{}", "Retry-After", in12s);
    enqueueJson(503, "{}", "Retry-After", past);
    enqueueJson(200, Json.page(1, 0));
    AgpClient client = track(builder().clock(clock).build());

    client.sessions().list(ListSessionsParams.none());

    // A date in the past means "now", which still waits the initial backoff (0.5 s by default).
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(12), Duration.ofMillis(500));
  }

  @Test
  void anInvalidRetryAfterFallsBackToBackoff() {
    enqueueJson(429, "{}", "Retry-After", "soon");
    enqueueJson(200, Json.page(1, 0));
    AgpClient client = track(builder().build());

    client.sessions().list(ListSessionsParams.none());

    assertThat(sleeper.waits).singleElement().satisfies(wait -> assertThat(wait.toMillis()).isBetween(375L, 500L));
  }

  @Test
  void aRetryAfterBeyondTheCeilingFailsAtOnceWithoutSleeping() {
    enqueueJson(429, "{\"detail\":\"Rate limit exceeded.\"}", "Retry-After", "61");
    AgpClient client = track(builder().build());

    RateLimitException error = assertThrows(RateLimitException.class, () -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.retryAfter()).contains(Duration.ofSeconds(61));
    assertThat(sleeper.waits).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999", "9999999999999999999999999"})
  void anAbsurdlyLargeRetryAfterFailsAtOnceInsteadOfBeingIgnored(String seconds) {
    enqueueJson(429, "{\"detail\":\"Rate limit exceeded.\"}", "Retry-After", seconds);
    AgpClient client = track(builder().build());

    RateLimitException error = assertThrows(RateLimitException.class, () -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
    assertThat(sleeper.waits).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aZeroRetryAfterStillWaitsTheInitialBackoffAndCountsAsAnAttempt() {
    enqueueJson(503, "{}", "Retry-After", "0");
    enqueueJson(503, "{}", "Retry-After", "0");
    enqueueJson(503, "{\"detail\":\"still down\"}", "Retry-After", "0");
    AgpClient client = track(builder().build());

    InternalServerException error = assertThrows(InternalServerException.class,
        () -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.getMessage()).contains("still down");
    assertThat(sleeper.waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    // OkHttp would repeat a 503 with "Retry-After: 0" by itself: one attempt, one request.
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void theCeilingIsConfigurable() {
    enqueueJson(429, "{}", "Retry-After", "61");
    enqueueJson(200, Json.page(1, 0));
    AgpClient client = track(builder()
        .retryPolicy(RetryPolicy.builder().maxRetryAfter(Duration.ofMinutes(2)).build()).build());

    client.sessions().list(ListSessionsParams.none());

    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(61));
  }

  @Test
  void ioFailuresAreRetried() {
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    enqueueJson(200, "{\"status\":\"running\"}");
    AgpClient client = track(builder().build());

    assertThat(client.sessions().withRawResponse().status("s").attempts()).isEqualTo(2);
    assertThat(sleeper.waits).hasSize(1);
  }

  @Test
  void aRetriedRequestIsTheSameRequest() throws Exception {
    enqueueJson(500, "{}");
    enqueueJson(200, Json.page(1, 0));
    AgpClient client = track(builder().build());

    client.sessions().list(ListSessionsParams.builder().status(dev.agp.generated.model.LifecycleStatus.FAILED).build());

    String first = take().getTarget();
    assertThat(take().getTarget()).isEqualTo(first).isEqualTo("/api/v2/sessions?status=failed");
  }
}
