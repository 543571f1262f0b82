package dev.agp.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spec parses without a single parser message, and every example in it validates against its schema. */
class SpecTest {

  private static final Path SPEC = Path.of(System.getProperty("agp.spec", "src/main/openapi/agp-sessions.yaml"));
  private static final List<String> OPERATIONS = List.of("listSessions", "getSession", "getSessionStatus");

  private static SwaggerParseResult result;
  private static OpenAPI api;
  private static SchemaValidator validator;

  @BeforeAll
  static void parse() {
    assertThat(SPEC).exists();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    result = new OpenAPIV3Parser().readLocation(SPEC.toUri().toString(), null, options);
    api = result.getOpenAPI();
    validator = new SchemaValidator(api, new MessageResolver());
  }

  @Test
  void parsesWithoutAnyMessage() {
    assertThat(result.getMessages()).isEmpty();
    assertThat(api).isNotNull();
    assertThat(api.getOpenapi()).isEqualTo("3.0.3");
  }

  @Test
  void theJarCarriesTheSameSpec() throws Exception {
    Path packaged = Path.of("target/classes/dev/agp/openapi/agp-sessions.yaml");
    assertThat(packaged).exists();
    assertThat(Files.readString(packaged)).isEqualTo(Files.readString(SPEC));
  }

  @Test
  void describesBothRegions() {
    assertThat(api.getServers()).extracting(s -> s.getUrl())
        .containsExactly("https://agp.eu.hcompany.ai", "https://agp.hcompany.ai");
  }

  @Test
  void everyOperationDeclaresBearerSecurityAndEveryErrorShape() {
    assertThat(operations().keySet()).containsExactlyInAnyOrderElementsOf(OPERATIONS);
    assertThat(api.getComponents().getSecuritySchemes().get("bearerAuth").getScheme()).isEqualTo("bearer");
    operations().forEach((id, operation) -> {
      assertThat(operation.getSecurity()).as(id).singleElement()
          .satisfies(requirement -> assertThat(requirement).containsOnlyKeys("bearerAuth"));
      assertThat(operation.getResponses()).as(id)
          .containsKeys("200", "400", "401", "403", "404", "409", "422", "429", "500", "502", "503", "504");
      assertThat(schemaName(operation.getResponses().get("401"))).as(id).isEqualTo("GatewayError");
      assertThat(schemaName(operation.getResponses().get("404"))).as(id).isEqualTo("ErrorDetail");
      assertThat(schemaName(operation.getResponses().get("422"))).as(id).isEqualTo("ValidationErrorResponse");
      assertThat(resolve(operation.getResponses().get("429")).getHeaders()).as(id).containsKey("Retry-After");
    });
  }

  @Test
  void listDescribesEveryQueryParameterTheLiveApiTakes() {
    Map<String, Parameter> params = new java.util.LinkedHashMap<>();
    operations().get("listSessions").getParameters().forEach(p -> params.put(p.getName(), p));

    assertThat(params.keySet()).containsExactly(
        "page", "size", "sort", "status", "agent", "group_id", "parent_session_id", "owner",
        "search", "created_before", "created_after", "finished_before", "finished_after", "schedule_id");
    params.values().forEach(p -> assertThat(p.getIn()).isEqualTo("query"));
    assertThat(params.get("page").getSchema().getMinimum()).isEqualByComparingTo("1");
    assertThat(params.get("page").getSchema().getDefault()).isEqualTo(1);
    assertThat(params.get("size").getSchema().getMinimum()).isEqualByComparingTo("1");
    assertThat(params.get("size").getSchema().getMaximum()).isEqualByComparingTo("100");
    assertThat(params.get("size").getSchema().getDefault()).isEqualTo(10);
    assertThat(params.get("size").getDescription()).contains("1000");
    for (String time : List.of("created_before", "created_after", "finished_before", "finished_after")) {
      assertThat(params.get(time).getSchema().getFormat()).isEqualTo("date-time");
    }
    assertThat(params.get("schedule_id").getSchema().getFormat()).isEqualTo("uuid");
    assertThat(List.<Object>copyOf(schema("SessionSort").getEnum())).containsExactly("created_at", "-created_at");
    assertThat(schema("SessionSort").getDefault()).isEqualTo("-created_at");
    assertThat(schema("SessionOwner").getDefault()).isEqualTo("me-in-organization");
    assertThat(List.<Object>copyOf(schema("LifecycleStatus").getEnum())).containsExactly(
        "queued", "pending", "running", "paused", "idle", "awaiting_tool_results", "completed", "failed",
        "timed_out", "interrupted");
    for (String multi : List.of("status", "agent")) {
      assertThat(params.get(multi).getStyle()).hasToString("form");
      assertThat(params.get(multi).getExplode()).isTrue();
      assertThat(params.get(multi).getSchema().getType()).isEqualTo("array");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTerminalStatusesAreStatusesTheSpecNames() {
    Schema<?> lifecycle = schema("LifecycleStatus");
    // Read by the generator (LifecycleStatus.isTerminal()) and by the SDK's waiter: every value must exist.
    assertThat((List<Object>) lifecycle.getExtensions().get("x-terminal-values"))
        .containsExactly("completed", "failed", "timed_out", "interrupted")
        .allSatisfy(value -> assertThat((List<Object>) lifecycle.getEnum()).contains(value));
  }

  @Test
  void summaryRequiredAndNullableFieldsAreExact() {
    Schema<?> summary = schema("SessionSummary");
    assertThat(summary.getRequired()).containsExactlyInAnyOrder("id", "status", "created_at");
    for (String nullable : List.of("agent", "first_message", "started_at", "finished_at")) {
      assertThat(property(summary, nullable).getNullable()).as(nullable).isTrue();
    }
    assertThat(schema("SessionSummaryPage").getRequired()).containsExactlyInAnyOrder("items", "page", "total");
    assertThat(schema("SessionStatus").getRequired()).containsExactly("status");
    assertThat(schema("Session").getRequired()).containsExactlyInAnyOrder("id", "request", "status", "created_at");
  }

  @Test
  void everyExampleValidatesAgainstItsSchema() throws JsonProcessingException {
    List<String> checked = new ArrayList<>();
    List<String> failures = new ArrayList<>();

    api.getComponents().getSchemas().forEach((name, schema) -> {
      if (schema.getExample() != null) {
        check("components.schemas." + name, schema.getExample(), refTo(name), checked, failures);
      }
    });
    operations().forEach((id, operation) -> {
      for (Parameter parameter : operation.getParameters()) {
        if (parameter.getExample() != null) {
          check(id + " parameter " + parameter.getName(), parameter.getExample(), parameter.getSchema(), checked, failures);
        }
      }
      operation.getResponses().forEach((code, response) -> {
        ApiResponse resolved = resolve(response);
        if (resolved.getContent() == null) {
          return;
        }
        for (Map.Entry<String, MediaType> media : resolved.getContent().entrySet()) {
          MediaType type = media.getValue();
          if (type.getExample() != null) {
            check(id + " " + code + " example", type.getExample(), type.getSchema(), checked, failures);
          }
          if (type.getExamples() != null) {
            type.getExamples().forEach((exampleName, example) ->
                check(id + " " + code + " examples." + exampleName, example.getValue(), type.getSchema(), checked, failures));
          }
        }
      });
    });

    assertThat(failures).isEmpty();
    // Guard against a walk that silently finds nothing.
    assertThat(checked).hasSizeGreaterThan(20)
        .contains("listSessions 200 examples.recentSessions", "listSessions 200 examples.childSessions");
  }

  @Test
  void theValidatorRejectsAnExampleThatBreaksTheSchema() {
    String newerStatus = "{\"items\":[{\"id\":\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\",\"status\":\"archived\","
        + "\"created_at\":\"2026-05-07T14:30:00Z\"}],\"page\":1,\"total\":1}";
    String missingTotal = "{\"items\":[],\"page\":1}";
    String badTimestamp = "{\"items\":[{\"id\":\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\",\"status\":\"running\","
        + "\"created_at\":\"yesterday\"}],\"page\":1,\"total\":1}";

    for (String json : List.of(newerStatus, missingTotal, badTimestamp)) {
      ValidationReport report = validator.validate(json, refTo("SessionSummaryPage"), "example");
      assertThat(report.hasErrors()).as(json).isTrue();
    }
  }

  private void check(String where, Object example, Schema<?> schema, List<String> checked, List<String> failures) {
    String json;
    try {
      // The validator reads the value of a string-typed schema as is (as for a query parameter), anything
      // else as JSON.
      boolean bareString = example instanceof String && "string".equals(dereference(schema).getType());
      json = bareString ? (String) example : Json.mapper().writeValueAsString(example);
    } catch (JsonProcessingException e) {
      failures.add(where + ": cannot serialize example: " + e.getMessage());
      return;
    }
    ValidationReport report = validator.validate(json, schema, "example");
    checked.add(where);
    if (report.hasErrors()) {
      failures.add(where + ": " + report.getMessages());
    }
  }

  private static Map<String, Operation> operations() {
    Map<String, Operation> operations = new java.util.LinkedHashMap<>();
    api.getPaths().values().forEach(item -> item.readOperations()
        .forEach(operation -> operations.put(operation.getOperationId(), operation)));
    return operations;
  }

  private static ApiResponse resolve(ApiResponse response) {
    if (response.get$ref() == null) {
      return response;
    }
    String name = response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1);
    return api.getComponents().getResponses().get(name);
  }

  private static String schemaName(ApiResponse response) {
    String ref = resolve(response).getContent().get("application/json").getSchema().get$ref();
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static Schema<?> schema(String name) {
    return api.getComponents().getSchemas().get(name);
  }

  @SuppressWarnings("rawtypes")
  private static Schema<?> property(Schema<?> schema, String name) {
    Map<String, Schema> properties = schema.getProperties();
    return properties.get(name);
  }

  private static Schema<?> dereference(Schema<?> schema) {
    String ref = schema.get$ref();
    return ref == null ? schema : schema(ref.substring(ref.lastIndexOf('/') + 1));
  }

  private static Schema<?> refTo(String name) {
    return new Schema<>().$ref("#/components/schemas/" + name);
  }
}
