package dev.agp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The sandbox's list rules come from the spec, and every filter the spec declares is applied. */
class SpecDrivenListTest extends SandboxHttpTest {

  @Test
  void everyListParameterOfTheSpecIsEitherPagingOrAnAppliedFilter() throws IOException {
    ListRules rules = ListRules.fromClasspath();
    ListFilters filters = new ListFilters(rules, sandbox.data());
    for (ListRules.Rule rule : rules.rules()) {
      assertThat(ListFilters.PAGING.contains(rule.name()) || filters.names().contains(rule.name()))
          .as(rule.name()).isTrue();
    }
    assertThat(filters.names()).contains("search", "created_before", "created_after", "finished_before",
        "finished_after", "schedule_id");
  }

  @Test
  void aListParameterTheSandboxCannotApplyStopsItAtStartNamingIt() throws IOException {
    String spec = spec().replace("        - name: owner\n", "        - name: colour\n          in: query\n"
        + "          schema:\n            type: string\n        - name: owner\n");
    assertThatThrownBy(() -> new ListFilters(ListRules.fromYaml(spec), sandbox.data()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[colour]");
  }

  @Test
  void aNewFilterNamedLikeASessionFieldIsAppliedWithoutCode() throws IOException {
    // As if the spec gained a multi-value filter on the session id, and a time filter on last activity.
    String spec = spec().replace("        - name: owner\n", "        - name: id\n          in: query\n"
        + "          style: form\n          explode: true\n          schema:\n            type: array\n"
        + "            items:\n              type: string\n"
        + "        - name: last_activity_before\n          in: query\n          schema:\n"
        + "            type: string\n            format: date-time\n        - name: owner\n");
    ListRules rules = ListRules.fromYaml(spec);
    ListFilters filters = new ListFilters(rules, sandbox.data());
    List<SandboxSession> sessions = sandbox.data().newestFirst();
    String a = sessions.get(0).id();
    String b = sessions.get(5).id();

    Predicate<SandboxSession> byId = filters.predicate(rules.values(
        HttpUrl.get("http://x/api/v2/sessions?id=" + a + "&id=" + b), new ArrayList<>()));

    assertThat(sessions.stream().filter(byId).map(SandboxSession::id)).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void eachNewFilterNarrowsTheListingAsTheLiveApiDoes() throws IOException {
    int all = total("owner=organization");
    Instant middle = Instant.parse("2026-05-07T00:00:00Z");

    List<Map<String, Object>> searched = items("owner=organization&size=100&search=HACKER");
    assertThat(searched).isNotEmpty().allSatisfy(i ->
        assertThat(String.valueOf(((Map<?, ?>) i.get("first_message")).get("message"))).containsIgnoringCase("hacker"));

    List<Map<String, Object>> before = items("owner=organization&size=100&created_before=" + middle);
    assertThat(before).isNotEmpty().allSatisfy(i ->
        assertThat(Instant.parse((String) i.get("created_at"))).isBefore(middle));
    assertThat(total("owner=organization&created_after=" + middle) + total("owner=organization&created_before=" + middle))
        .isEqualTo(all);

    List<Map<String, Object>> finished = items("owner=organization&size=100&finished_after=" + middle);
    assertThat(finished).isNotEmpty().allSatisfy(i ->
        assertThat(Instant.parse((String) i.get("finished_at"))).isAfter(middle));
    assertThat(total("owner=organization&finished_before=2100-01-01T00:00:00Z"))
        .as("sessions that never finished are left out").isLessThan(all);

    String schedule = SandboxData.SCHEDULE_IDS.get(0);
    int scheduled = total("owner=organization&schedule_id=" + schedule);
    assertThat(scheduled).isPositive().isLessThan(all);
    assertThat(sandbox.data().newestFirst().stream().filter(s -> schedule.equals(s.scheduleId())).count())
        .isEqualTo(scheduled);
  }

  @Test
  void boundsEnumsAndFormatsAreTheSpecs() throws IOException {
    assertThat(detail("size=101")).containsEntry("type", "less_than_equal")
        .containsEntry("msg", "Input should be less than or equal to 100");
    assertThat(detail("page=0")).containsEntry("type", "greater_than_equal");
    assertThat(detail("status=archived")).containsEntry("type", "enum")
        .containsEntry("loc", List.of("query", "status", 0.0));
    assertThat(detail("created_after=yesterday")).containsEntry("loc", List.of("query", "created_after"));
    // Python clients send the offset without a colon; the live server takes it.
    assertThat(total("owner=organization&created_after=2026-05-07T00:00:00.000000%2B0000"))
        .isEqualTo(total("owner=organization&created_after=2026-05-07T00:00:00Z"));
    assertThat(detail("schedule_id=42")).containsEntry("type", "uuid_parsing");
    assertThat(detail("owner=me&owner=organization")).containsEntry("type", "multiple_values");
    assertThat(total("status=queued&status=awaiting_tool_results")).isPositive();
    assertThat(detail("page=2147483648")).containsEntry("msg", "Input should be less than or equal to 2147483647");
    assertThat(total("owner=organization&schedule_id=" + SandboxData.SCHEDULE_IDS.get(0).toUpperCase()))
        .as("uuids compare without case").isEqualTo(total("owner=organization&schedule_id=" + SandboxData.SCHEDULE_IDS.get(0)));
  }

  @Test
  void aPageFarBeyondTheListingIsEmptyNotACrash() throws IOException {
    assertThat(items("page=2147483647&size=100")).isEmpty();
    assertThat(total("page=2147483647&size=100")).isPositive();
  }

  @Test
  void aParameterDeclaredOnceAndReferencedIsReadToo() {
    String spec;
    try {
      spec = spec();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    String search = "        - name: search\n          in: query\n          required: false\n"
        + "          description: Case-insensitive match on the session's first message or answer.\n"
        + "          schema:\n            type: string\n          example: flights\n";
    assertThat(spec).contains(search);
    String referenced = spec.replace(search, "        - $ref: '#/components/parameters/Search'\n")
        .replace("  parameters:\n    SessionId:\n", "  parameters:\n    Search:\n      name: search\n      in: query\n"
            + "      schema:\n        type: string\n    SessionId:\n");
    ListRules rules = ListRules.fromYaml(referenced);
    assertThat(rules.rules()).extracting(ListRules.Rule::name).contains("search");
    assertThat(new ListFilters(rules, sandbox.data()).names()).contains("search");
  }

  private static String spec() throws IOException {
    try (InputStream in = ListRules.class.getResourceAsStream(ListRules.SPEC_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(String query) throws IOException {
    Request request = new Request.Builder().url(sandbox.baseUrl() + "api/v2/sessions?" + query)
        .header("Authorization", "Bearer " + sandbox.apiKey()).build();
    try (Response response = http.newCall(request).execute()) {
      return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(response.body().string());
    }
  }

  private int total(String query) throws IOException {
    return ((Number) get(query).get("total")).intValue();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> items(String query) throws IOException {
    return (List<Map<String, Object>>) get(query).get("items");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> detail(String query) throws IOException {
    List<Map<String, Object>> detail = (List<Map<String, Object>>) get(query).get("detail");
    assertThat(detail).as(query).hasSize(1);
    return detail.get(0);
  }
}
