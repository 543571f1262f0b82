package dev.agp.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import dev.agp.sandbox.AgpSandbox;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Validates every request the client sends and every response the sandbox returns against
 * agp-sessions.yaml, as an OkHttp network interceptor (so it sees the final headers). Whole sessions may
 * carry fields the spec does not describe yet; exactly those are exempt.
 */
final class ContractValidator implements Interceptor {

  /** Fields of a whole session that the live API sends and the spec does not describe yet. */
  static final Set<String> NEWER_FIELDS = Set.of("agent_view_url", "latest_answer");

  private static final OpenApiInteractionValidator VALIDATOR =
      OpenApiInteractionValidator.createForInlineApiSpecification(forValidation(spec())).build();

  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> exempted = new CopyOnWriteArrayList<>();
  private final List<String> expectedKeys = new CopyOnWriteArrayList<>();
  private final List<String> expectedSeen = new CopyOnWriteArrayList<>();
  private int checked;

  /**
   * The spec as the validator needs it. The validator (2.46.1) does not understand {@code nullable: true}
   * beside {@code allOf: [$ref]}, the idiom OpenAPI Generator documents for a nullable reference, and
   * rejects {@code null} there. Such a property is replaced, for validation only, by the referenced object
   * schema marked nullable: exactly what the spec means, nothing looser.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static String forValidation(String yaml) {
    OpenAPI api = new OpenAPIV3Parser().readContents(yaml, null, new ParseOptions()).getOpenAPI();
    Map<String, Schema> schemas = api.getComponents().getSchemas();
    for (Schema<?> schema : schemas.values()) {
      if (schema.getProperties() == null) {
        continue;
      }
      for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
        Schema<?> value = property.getValue();
        if (Boolean.TRUE.equals(value.getNullable()) && value.getAllOf() != null && value.getAllOf().size() == 1
            && value.getAllOf().get(0).get$ref() != null) {
          String ref = value.getAllOf().get(0).get$ref();
          Schema<?> target = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
          ObjectSchema nullable = new ObjectSchema();
          nullable.setProperties(target.getProperties());
          nullable.setRequired(target.getRequired());
          nullable.setNullable(true);
          property.setValue(nullable);
        }
      }
    }
    return Json.pretty(api);
  }

  /**
   * Declares that the current test breaks the contract on purpose with a violation of this key (for
   * example sending a malformed id to see the server's 422); such violations are then exempt, and
   * {@link #unmetExpectations()} reports an expectation that was never seen.
   */
  void expect(String key) {
    expectedKeys.add(key);
  }

  List<String> unmetExpectations() {
    return expectedKeys.stream().filter(key -> expectedSeen.stream().noneMatch(seen -> seen.contains(key))).toList();
  }

  static String spec() {
    try (InputStream in = ContractValidator.class.getResourceAsStream("/dev/agp/openapi/agp-sessions.yaml")) {
      if (in == null) {
        throw new IllegalStateException("agp-sessions.yaml is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    SimpleRequest.Builder sent = new SimpleRequest.Builder(request.method(), request.url().encodedPath());
    for (String name : request.url().queryParameterNames()) {
      sent.withQueryParam(name, request.url().queryParameterValues(name));
    }
    request.headers().names().forEach(name -> sent.withHeader(name, request.headers().values(name)));
    SimpleResponse.Builder received = SimpleResponse.Builder.status(response.code())
        .withBody(response.peekBody(Long.MAX_VALUE).string());
    response.headers().names().forEach(name -> received.withHeader(name, response.headers().values(name)));
    // A body a sandbox fault broke on purpose is only checked on the request side.
    ValidationReport report = response.header(AgpSandbox.BROKEN_BODY_HEADER) != null
        ? VALIDATOR.validateRequest(sent.build())
        : VALIDATOR.validate(sent.build(), received.build());
    synchronized (this) {
      checked++;
    }
    String where = request.method() + " " + request.url().encodedPath()
        + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery()) + " -> " + response.code();
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() != ValidationReport.Level.ERROR) {
        continue;
      }
      String text = message.getKey() + ": " + message.getMessage();
      if (expectedKeys.stream().anyMatch(key -> message.getKey().contains(key))) {
        expectedSeen.add(text);
      } else {
        (isNewerValue(message) ? exempted : violations).add(where + ": " + text);
      }
    }
    return response;
  }

  /** An unknown-field violation naming a newer field. */
  private static boolean isNewerValue(ValidationReport.Message message) {
    String text = message.getMessage();
    return message.getKey().contains("additionalProperties")
        && NEWER_FIELDS.stream().anyMatch(f -> text.contains("'" + f + "'") || text.contains("\"" + f + "\""));
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  List<String> exempted() {
    return List.copyOf(exempted);
  }

  synchronized int checked() {
    return checked;
  }
}
