package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.NotFoundException;
import dev.agp.client.errors.UnauthorizedException;
import dev.agp.client.errors.UnprocessableEntityException;
import dev.agp.client.errors.ValidationError;
import dev.agp.generated.model.ErrorDetail;
import dev.agp.generated.model.GatewayError;
import dev.agp.generated.model.ValidationErrorResponse;
import org.junit.jupiter.api.Test;

/** What an {@link AgpApiException} keeps of the server's answer: the raw body and the decoded envelope. */
class ErrorBodiesTest extends MockServerTestBase {

  private AgpApiException failStatus(int code, String body) {
    enqueueJson(code, body);
    return assertThrows(AgpApiException.class, () -> track(builder().maxRetries(0).build()).sessions().status("s-1"));
  }

  @Test
  void aRejectedInputIsShownAsTheServerWroteIt() {
    java.util.List<String> loc = java.util.List.of("query", "size");
    assertThat(new ValidationError(loc, "m", "t", 5.0)).hasToString("query.size: m (got 5)");
    assertThat(new ValidationError(loc, "m", "t", 2.5)).hasToString("query.size: m (got 2.5)");
    assertThat(new ValidationError(loc, "m", "t", "a\"b")).hasToString("query.size: m (got \"a\\\"b\")");
    assertThat(new ValidationError(loc, "m", "t", java.util.Map.of("k", java.util.List.of(1.0, true))))
        .hasToString("query.size: m (got {\"k\":[1,true]})");
    assertThat(new ValidationError(java.util.List.of(), "m", "t")).hasToString("m");
  }

  @Test
  void aHugeDetailKeepsItsMessageCutToAThousandCharacters() {
    // 100,000 characters: the body is cut at 64 KiB inside the string, which no longer parses as it is.
    AgpApiException error = failStatus(500, "{\"detail\":\"" + "\u00e9x".repeat(50_000) + "\"}");
    assertThat(error.serverMessage()).hasValueSatisfying(message -> assertThat(message)
        .startsWith("\u00e9x\u00e9x").contains("more characters in the body").hasSizeLessThan(1_100));
    assertThat(error.getMessage()).hasSizeLessThan(1_300);
    AgpApiException gateway = failStatus(502, "{\"message\":\"" + "y".repeat(70_000));
    assertThat(gateway.serverMessage()).hasValueSatisfying(message -> assertThat(message).startsWith("yyy"));
  }

  @Test
  void aDetailBodyDecodesToErrorDetailAndKeepsFieldsTheSdkDoesNotModel() {
    String body = "{\"detail\":\"Session not found.\",\"error_code\":\"not_found\",\"trace_id\":\"t-9\"}";
    AgpApiException error = failStatus(404, body);

    assertThat(error).isInstanceOf(NotFoundException.class);
    assertThat(error.error(ErrorDetail.class)).hasValueSatisfying(d -> assertThat(d.getDetail()).isEqualTo("Session not found."));
    assertThat(error.error(GatewayError.class)).isEmpty();
    assertThat(error.error()).containsInstanceOf(ErrorDetail.class);
    assertThat(error.body()).isEqualTo(body);
    assertThat(error.serverMessage()).contains("Session not found.");
  }

  @Test
  void aMalformedValidationItemIsLeftOutWithoutLosingTheValidOnes() {
    AgpApiException error = failStatus(422, "{\"detail\":[{\"loc\":5,\"msg\":null,\"input\":\"\"},"
        + "{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"size\"],\"msg\":\"too big\",\"input\":500}]}");

    assertThat(error.serverMessage()).contains("query.size: too big (got 500)");
    assertThat(error.validationErrors()).hasSize(1);
  }

  @Test
  void aValidationBodyDecodesToItsItemsWithTheRejectedInput() {
    AgpApiException error = failStatus(422, "{\"detail\":[{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"size\",0],"
        + "\"msg\":\"Input should be less than or equal to 100\",\"input\":\"500\",\"ctx\":{\"le\":100}}]}");

    assertThat(error).isInstanceOf(UnprocessableEntityException.class);
    ValidationErrorResponse response = error.error(ValidationErrorResponse.class).orElseThrow();
    assertThat(response.getDetail().get(0).getCtx()).containsEntry("le", 100.0);
    assertThat(error.validationErrors()).containsExactly(new ValidationError(
        java.util.List.of("query", "size", "0"), "Input should be less than or equal to 100", "less_than_equal", "500"));
    assertThat(error.serverMessage()).contains("query.size.0: Input should be less than or equal to 100 (got \"500\")");
  }

  @Test
  void aGatewayBodyDecodesToGatewayError() {
    AgpApiException error = failStatus(401, "{\"message\":\"Unauthorized\"}");

    assertThat(error).isInstanceOf(UnauthorizedException.class);
    assertThat(error.error(GatewayError.class)).hasValueSatisfying(g -> assertThat(g.getMessage()).isEqualTo("Unauthorized"));
  }

  @Test
  void aDetailWinsOverAMessageInTheSameBody() {
    AgpApiException error = failStatus(400, "{\"message\":\"gateway\",\"detail\":\"api\"}");

    assertThat(error.error()).containsInstanceOf(ErrorDetail.class);
    assertThat(error.serverMessage()).contains("api");
  }

  @Test
  void aBodyOfNoKnownEnvelopeKeepsOnlyItsText() {
    AgpApiException json = failStatus(500, "{\"error\":{\"code\":42}}");
    assertThat(json.error()).isEmpty();
    assertThat(json.serverMessage()).isEmpty();
    assertThat(json.body()).isEqualTo("{\"error\":{\"code\":42}}");

    AgpApiException text = failStatus(502, "Bad gateway: upstream closed");
    assertThat(text.error()).isEmpty();
    assertThat(text.serverMessage()).contains("Bad gateway: upstream closed");

    AgpApiException empty = failStatus(503, "");
    assertThat(empty.body()).isEmpty();
    assertThat(empty.serverMessage()).isEmpty();
  }

  @Test
  void anErrorBodyIsKeptUpToItsCap() {
    String huge = "{\"detail\":\"" + "x".repeat(100_000) + "\"}";
    AgpApiException error = failStatus(500, huge);

    assertThat(error.body()).hasSize(BodyLimits.MAX_ERROR_BODY_BYTES).isEqualTo(huge.substring(0, BodyLimits.MAX_ERROR_BODY_BYTES));
    // Cut inside its message, the body is read as far as it came: the envelope, with the message cut short.
    assertThat(error.error()).containsInstanceOf(dev.agp.generated.model.ErrorDetail.class);
    assertThat(error.serverMessage()).hasValueSatisfying(message -> assertThat(message).startsWith("xxx")
        .endsWith(" more characters in the body)"));

    AgpApiException cutList = failStatus(422, "{\"detail\":[{\"msg\":\"" + "z".repeat(100_000) + "\"}]}");
    // A validation list cut short does not parse: no envelope, and no message made up from it.
    assertThat(cutList.error()).isEmpty();
    assertThat(cutList.serverMessage()).isEmpty();
  }
}
