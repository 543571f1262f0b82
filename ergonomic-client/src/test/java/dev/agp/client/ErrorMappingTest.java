package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.AgpNetworkException;
import dev.agp.client.errors.BadRequestException;
import dev.agp.client.errors.ConflictException;
import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.NotFoundException;
import dev.agp.client.errors.PermissionDeniedException;
import dev.agp.client.errors.RateLimitException;
import dev.agp.client.errors.UnauthorizedException;
import dev.agp.client.errors.UnprocessableEntityException;
import dev.agp.client.errors.ValidationError;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMappingTest extends MockServerTestBase {

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(401, UnauthorizedException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(404, NotFoundException.class),
        Arguments.of(405, AgpApiException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(422, UnprocessableEntityException.class),
        Arguments.of(429, RateLimitException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(503, InternalServerException.class),
        Arguments.of(599, InternalServerException.class));
  }

  /** The body shapes the API uses, and the message each must yield. */
  static Stream<Arguments> bodies() {
    return Stream.of(
        Arguments.of("{\"detail\":\"Session not found.\"}", "Session not found."),
        Arguments.of("{\"message\":\"Unauthorized\"}", "Unauthorized"),
        Arguments.of("{\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"size\"],"
            + "\"msg\":\"Input should be less than or equal to 100\",\"input\":\"500\"}]}",
            "query.size: Input should be less than or equal to 100 (got \"500\")"),
        Arguments.of("Bad Gateway", "Bad Gateway"),
        Arguments.of("<html><body>upstream error</body></html>", "<html><body>upstream error</body></html>"),
        Arguments.of("", null),
        Arguments.of("{\"error\":{\"code\":1}}", null),
        Arguments.of("[1,2]", null));
  }

  static Stream<Arguments> statusesAndBodies() {
    return statuses().flatMap(status -> bodies().map(body -> Arguments.of(
        status.get()[0], status.get()[1], body.get()[0], body.get()[1])));
  }

  @ParameterizedTest(name = "{0} with body {2}")
  @MethodSource("statusesAndBodies")
  void eachStatusAndBodyShapeMapsToItsTypedError(
      int status, Class<? extends AgpApiException> type, String body, String message) {
    enqueueJson(status, body, "X-Request-Id", "req-42");
    AgpClient client = track(builder().maxRetries(0).build());

    AgpApiException error = assertThrows(AgpApiException.class, () -> client.sessions().retrieve("s-1"));

    assertThat(error).isExactlyInstanceOf(type);
    assertThat(error.statusCode()).isEqualTo(status);
    assertThat(error.method()).isEqualTo("GET");
    assertThat(error.path()).isEqualTo("/api/v2/sessions/s-1");
    assertThat(error.serverMessage()).isEqualTo(java.util.Optional.ofNullable(message));
    assertThat(error.requestId()).contains("req-42");
    assertThat(error.header("x-request-id")).contains("req-42");
    assertThat(error.getMessage())
        .startsWith("HTTP " + status + " GET /api/v2/sessions/s-1: ")
        .contains(message == null ? "(no message from the server)" : message)
        .endsWith("[request id req-42]")
        .doesNotContain(KEY);
  }

  @Test
  void validationItemsAreExposedWithLocationMessageAndType() {
    enqueueJson(422, "{\"detail\":["
        + "{\"type\":\"greater_than_equal\",\"loc\":[\"query\",\"page\"],\"msg\":\"Input should be greater than or equal to 1\"},"
        + "{\"type\":\"enum\",\"loc\":[\"query\",\"status\",1],\"msg\":\"Input should be 'pending', 'running'\"}]}");
    AgpClient client = track(builder().build());

    UnprocessableEntityException error = assertThrows(UnprocessableEntityException.class,
        () -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.validationErrors()).containsExactly(
        new ValidationError(List.of("query", "page"), "Input should be greater than or equal to 1", "greater_than_equal"),
        new ValidationError(List.of("query", "status", "1"), "Input should be 'pending', 'running'", "enum"));
    assertThat(error.serverMessage()).contains(
        "query.page: Input should be greater than or equal to 1; query.status.1: Input should be 'pending', 'running'");
    assertThat(sleeper.waits).isEmpty();
  }

  @Test
  void aLongPlainTextBodyIsCutTo200Characters() {
    enqueue(502, "x".repeat(5000));
    AgpClient client = track(builder().maxRetries(0).build());
    AgpApiException error = assertThrows(AgpApiException.class, () -> client.sessions().status("s"));
    assertThat(error.serverMessage().orElseThrow()).hasSize(201).endsWith("…");
  }

  @Test
  void rateLimitErrorsCarryTheParsedRetryAfter() {
    enqueueJson(429, "{\"detail\":\"Rate limit exceeded.\"}", "Retry-After", "3");
    AgpClient client = track(builder().maxRetries(0).build());
    RateLimitException error = assertThrows(RateLimitException.class, () -> client.sessions().status("s"));
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
  }

  @Test
  void aBodyThatIsNotTheModelIsADecodingErrorNamingTheCallWithASnippet() {
    String body = "{\"items\": \"not a list\", \"padding\": \"" + "y".repeat(400) + "\"}";
    enqueueJson(200, body);
    AgpClient client = track(builder().build());

    AgpDecodingException error = assertThrows(AgpDecodingException.class,
        () -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.operation()).isEqualTo("listSessions (GET /api/v2/sessions)");
    assertThat(error.bodySnippet()).hasSize(201).startsWith("{\"items\": \"not a list\"");
    assertThat(error.getMessage()).contains("listSessions (GET /api/v2/sessions)").contains("$.items")
        .hasSizeLessThan(500);
    assertThat(error.getCause()).isNotNull();
  }

  @Test
  void truncatedAndEmptyBodiesAreDecodingErrors() {
    enqueueJson(200, "{\"status\":\"runn");
    enqueueJson(200, "");
    enqueueJson(200, "null");
    AgpClient client = track(builder().build());

    assertThatThrownBy(() -> client.sessions().status("a")).isInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("getSessionStatus (GET /api/v2/sessions/a/status)");
    assertThatThrownBy(() -> client.sessions().status("b")).isInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("the body is empty");
    assertThatThrownBy(() -> client.sessions().status("c")).isInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("JSON null");
  }

  @Test
  void aPageMissingRequiredFieldsOrOverfullIsADecodingError() {
    enqueueJson(200, "{\"items\":[],\"page\":1}");
    enqueueJson(200, Json.page(1, 3, "a", "b", "c"));
    enqueueJson(200, "{\"items\":[{\"status\":\"running\"}],\"page\":1,\"total\":1}");
    AgpClient client = track(builder().build());

    assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.none()))
        .isInstanceOf(AgpDecodingException.class).hasMessageContaining("lacks its required total");
    assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.builder().size(2).build()))
        .isInstanceOf(AgpDecodingException.class).hasMessageContaining("holds 3 items but only 2 were requested");
    assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.none()))
        .isInstanceOf(AgpDecodingException.class).hasMessageContaining("item 0 lacks its required id");
  }

  @Test
  void aDroppedConnectionIsANetworkErrorAfterRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
    }
    AgpClient client = track(builder().build());

    AgpNetworkException error = assertThrows(AgpNetworkException.class, () -> client.sessions().status("s"));

    assertThat(error.isTimeout()).isFalse();
    assertThat(error.method()).isEqualTo("GET");
    assertThat(error.path()).isEqualTo("/api/v2/sessions/s/status");
    assertThat(error.getMessage()).startsWith("GET /api/v2/sessions/s/status failed after 3 attempts");
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(sleeper.waits).hasSize(2);
  }

  @Test
  void invalidIdsAreRejectedBeforeAnyRequest() {
    AgpClient client = track(builder().build());
    assertThatThrownBy(() -> client.sessions().retrieve(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("session id must not be blank");
    assertThatThrownBy(() -> client.sessions().status(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("session id must not be null");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void yourOwnTestsCanBuildTheExceptions() {
    java.util.Map<String, List<String>> headers = new java.util.HashMap<>();
    headers.put("X-Request-Id", new java.util.ArrayList<>(List.of("r-1")));
    dev.agp.client.errors.ErrorResponse response =
        new dev.agp.client.errors.ErrorResponse(404, "GET", "/api/v2/sessions/x", "Session not found.", List.of(), headers);
    headers.clear();

    NotFoundException error = new NotFoundException(response);

    assertThat(error).hasMessage("HTTP 404 GET /api/v2/sessions/x: Session not found. [request id r-1]");
    assertThat(error.requestId()).contains("r-1");
    assertThat(error.header("x-request-id")).contains("r-1");
    assertThat(error.response()).isEqualTo(response);
    assertThatThrownBy(() -> error.headers().put("a", List.of())).isInstanceOf(UnsupportedOperationException.class);
  }
}
