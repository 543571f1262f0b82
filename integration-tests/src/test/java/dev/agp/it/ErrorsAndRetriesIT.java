package dev.agp.it;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.runtime.InvalidParameterException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.AgpClient;
import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.AgpException;
import dev.agp.client.errors.AgpNetworkException;
import dev.agp.client.errors.BadRequestException;
import dev.agp.client.errors.ConflictException;
import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.NotFoundException;
import dev.agp.client.errors.PermissionDeniedException;
import dev.agp.client.errors.RateLimitException;
import dev.agp.client.errors.UnauthorizedException;
import dev.agp.client.errors.UnprocessableEntityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorsAndRetriesIT extends SandboxTestSupport {

  private final List<String> messages = new ArrayList<>();

  private AgpException capture(Runnable call) {
    try {
      call.run();
    } catch (AgpException e) {
      messages.add(e.toString());
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        messages.add(String.valueOf(cause));
      }
      return e;
    }
    throw new AssertionError("the call did not fail");
  }

  static Stream<Arguments> injectedStatuses() {
    return Stream.of(
        Arguments.of(400, BadRequestException.class),
        Arguments.of(403, PermissionDeniedException.class),
        Arguments.of(409, ConflictException.class),
        Arguments.of(500, InternalServerException.class),
        Arguments.of(503, InternalServerException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("injectedStatuses")
  void eachStatusBecomesItsType(int status, Class<? extends AgpApiException> type) {
    sandbox.faults().failNext(3, status);
    AgpException error = capture(() -> client.sessions().list(ListSessionsParams.none()));
    assertThat(error).isExactlyInstanceOf(type);
    assertThat(((AgpApiException) error).serverMessage()).contains("Injected failure");
    assertThat(((AgpApiException) error).requestId()).isPresent();
    assertThat(messages).noneMatch(m -> m.contains(KEY));
  }

  @Test
  void aWrongKeyIsUnauthorizedWithTheGatewayMessage() {
    try (AgpClient wrong = clientBuilder().apiKey("sk-wrong-key").build()) {
      AgpException error = capture(() -> wrong.sessions().list(ListSessionsParams.none()));
      assertThat(error).isInstanceOf(UnauthorizedException.class).hasMessageContaining("Unauthorized");
      assertThat(error.getMessage()).doesNotContain("sk-wrong-key");
    }
  }

  @Test
  void anUnknownSessionIsNotFound() {
    AgpException error = capture(() -> client.sessions().retrieve("00000000-0000-4000-8000-00000000beef"));
    assertThat(error).isInstanceOf(NotFoundException.class).hasMessageContaining("Session not found.");
  }

  @Test
  void aSizeAboveTheServersCapIsRefusedBeforeAnyRequest() {
    int before = sandbox.requests().size();
    assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.builder().size(500).build()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessage("size must be between 1 and 100, but was 500");
    assertThat(sandbox.requests()).hasSize(before);
  }

  @Test
  void theServersValidationErrorCarriesItsItems() {
    contract.expect("validation.request.parameter.schema.format.uuid");
    AgpException error = capture(() -> client.sessions().status("not-a-uuid"));
    assertThat(error).isInstanceOf(UnprocessableEntityException.class);
    assertThat(((UnprocessableEntityException) error).validationErrors()).singleElement()
        .satisfies(item -> assertThat(item.location()).containsExactly("path", "id"));
  }

  @Test
  void aMalformedIdIsAValidationError() {
    // The spec says ids are UUIDs; this test breaks that on purpose to see the server's answer.
    contract.expect("validation.request.parameter.schema.format.uuid");
    assertThat(capture(() -> client.sessions().status("not-a-uuid"))).isInstanceOf(UnprocessableEntityException.class);
  }

  @Test
  void transientFailuresAreRetried() {
    sandbox.faults().failNext(2, 503);
    assertThat(client.sessions().list(ListSessionsParams.none()).items()).isNotEmpty();
    assertThat(waits).hasSize(2);
  }

  @Test
  void retryAfterIsHonouredUpToTheCeiling() {
    sandbox.faults().failNext(1, 429, "3");
    client.sessions().list(ListSessionsParams.none());
    assertThat(waits).containsExactly(Duration.ofSeconds(3));

    sandbox.faults().failNext(1, 429, "600");
    AgpException error = capture(() -> client.sessions().list(ListSessionsParams.none()));
    assertThat(error).isInstanceOf(RateLimitException.class);
    assertThat(((RateLimitException) error).retryAfter()).contains(Duration.ofSeconds(600));
    assertThat(waits).hasSize(1);
  }

  @Test
  void malformedAndTruncatedBodiesAreDecodingErrors() {
    sandbox.faults().malformedNext(1).truncatedNext(1);
    assertThat(capture(() -> client.sessions().list(ListSessionsParams.none()))).isInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("<html>");
    assertThat(capture(() -> client.sessions().list(ListSessionsParams.none()))).isInstanceOf(AgpDecodingException.class);
  }

  @Test
  void aSlowServerTimesOut() {
    sandbox.faults().latency(Duration.ofMillis(400));
    try (AgpClient impatient = clientBuilder().readTimeout(Duration.ofMillis(100)).maxRetries(1).build()) {
      AgpException error = capture(() -> impatient.sessions().list(ListSessionsParams.none()));
      assertThat(error).isInstanceOf(AgpNetworkException.class);
      assertThat(((AgpNetworkException) error).isTimeout()).isTrue();
    }
  }

  @Test
  void theKeyAppearsInNoLogLineAndNoMessage() {
    sandbox.faults().failNext(3, 500);
    capture(() -> client.sessions().list(ListSessionsParams.none()));
    capture(() -> client.sessions().retrieve("00000000-0000-4000-8000-00000000beef"));

    assertThat(logLines).isNotEmpty().anySatisfy(line -> assertThat(line).contains("Authorization: [redacted]"));
    assertThat(logLines).noneMatch(line -> line.contains(KEY));
    assertThat(messages).isNotEmpty().noneMatch(m -> m.contains(KEY));
    assertThat(client.toString()).doesNotContain(KEY);
  }
}
