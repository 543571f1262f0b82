package dev.agp.cli;

import dev.agp.sandbox.AgpSandbox;
import dev.agp.sandbox.RecordedCall;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.agp.sandbox.SandboxSession;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListCommandTest extends CliTestSupport {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
  }

  private long mine() {
    return sandbox.data().newestFirst().stream().filter(s -> s.owner().equals(SandboxSession.OWNER_ME)).count();
  }

  @Test
  void withoutAllOrLimitItMakesExactlyOneRequestWithTheApiDefaults() {
    Result result = agp("sessions", "list");

    assertThat(result.exit()).isZero();
    assertThat(listCalls()).singleElement().satisfies(c -> assertThat(c.target()).isEqualTo("/api/v2/sessions"));
    assertThat(result.lines()).hasSize(11);
    assertThat(result.lines().get(0)).startsWith("ID").contains("AGENT", "STATUS", "CREATED", "FIRST MESSAGE");
  }

  @Test
  void pageAndSizeAreSentAsGiven() {
    Result result = agp("sessions", "list", "--page", "2", "--size", "5", "--format", "jsonl");
    assertThat(result.lines()).hasSize(5);
    assertThat(listCalls()).singleElement().satisfies(c -> assertThat(c.target()).isEqualTo("/api/v2/sessions?page=2&size=5"));
  }

  // The walk's requests after page 1 overlap what it already has, by asking for pages a little smaller
  // than the page size (see the SDK's Window): the size is the most any request asks for.

  @Test
  void allListsEverySessionWithPagesOfAtMost100() {
    Result result = agp("sessions", "list", "--all", "--format", "jsonl");
    assertThat(result.exit()).isZero();
    assertThat(result.lines()).hasSize((int) mine()).doesNotHaveDuplicates();
    assertThat(listCalls()).anySatisfy(c -> assertThat(c.target()).isEqualTo("/api/v2/sessions?page=1&size=100"))
        .allSatisfy(c -> assertThat(Integer.parseInt(c.queryParameter("size"))).isBetween(2, 100));
  }

  @Test
  void allUsesTheGivenSize() {
    Result result = agp("sessions", "list", "--all", "--size", "50", "--format", "jsonl");
    assertThat(result.exit()).isZero();
    assertThat(result.lines()).hasSize((int) mine()).doesNotHaveDuplicates();
    assertThat(listCalls()).hasSizeBetween((int) Math.ceil(mine() / 50.0), 2 * (int) Math.ceil(mine() / 50.0))
        .anySatisfy(c -> assertThat(c.target()).isEqualTo("/api/v2/sessions?page=1&size=50"))
        // Up to the cap: a window reaching back past sessions created in one instant may be larger.
        .allSatisfy(c -> assertThat(Integer.parseInt(c.queryParameter("size"))).isBetween(2, 100));
  }

  @Test
  void limitStopsAndRequestsNoPageBeyond() {
    Result result = agp("sessions", "list", "--limit", "150", "--format", "jsonl");
    assertThat(result.lines()).hasSize(150).doesNotHaveDuplicates();
    // No request starts beyond the 150th session. (How many windows it takes depends on the data: they
    // reach back past sessions created in the same instant, which the sandbox has, in a random id order.)
    assertThat(listCalls()).isNotEmpty().hasSizeLessThanOrEqualTo(4).allSatisfy(c -> assertThat(
        (long) (Integer.parseInt(c.queryParameter("page")) - 1) * Integer.parseInt(c.queryParameter("size")))
        .isLessThan(150));
  }

  @Test
  void jsonlLinesCarryTheApisNamesAndValuesAsSent() throws IOException {
    Result result = agp("sessions", "list", "--all", "--format", "jsonl");
    boolean sawNewerStatus = false;
    for (String line : result.lines()) {
      Map<String, Object> json = parse(line);
      assertThat(json).containsKeys("id", "agent", "status", "first_message", "created_at", "started_at", "finished_at");
      SandboxSession session = sandbox.data().get((String) json.get("id")).orElseThrow();
      assertThat(json.get("status")).isEqualTo(session.status());
      assertThat(OffsetDateTime.parse((String) json.get("created_at")).toInstant()).isEqualTo(session.createdAt());
      assertThat((String) json.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)");
      if (session.finishedAt() == null) {
        assertThat(json.get("finished_at")).isNull();
      } else {
        assertThat(OffsetDateTime.parse((String) json.get("finished_at")).toInstant()).isEqualTo(session.finishedAt());
      }
      sawNewerStatus |= session.status().equals("queued") || session.status().equals("awaiting_tool_results");
    }
    assertThat(sawNewerStatus).isTrue();
  }

  @Test
  void jsonIsOneArray() throws IOException {
    Result result = agp("sessions", "list", "--size", "3", "--format", "json");
    List<?> array = new Moshi.Builder().build().adapter(List.class).fromJson(result.out());
    assertThat(array).hasSize(3);
    Result empty = agp("sessions", "list", "--group-id", "no-such-group", "--format", "json");
    assertThat(new Moshi.Builder().build().adapter(List.class).fromJson(empty.out())).isEmpty();
  }

  @Test
  void filtersReachTheWire() {
    Result result = agp("sessions", "list", "--status", "failed", "--status", "timed_out", "--agent", "fast-searcher",
        "--group-id", "g", "--parent", "p", "--owner", "organization", "--sort", "created_at");
    assertThat(result.exit()).isZero();
    assertThat(listCalls()).singleElement().satisfies(c -> assertThat(c.target()).isEqualTo(
        "/api/v2/sessions?sort=created_at&status=failed&status=timed_out&agent=fast-searcher&group_id=g"
            + "&parent_session_id=p&owner=organization"));
  }

  @Test
  void everySpecParameterIsAnOptionWithTheSpecsDescriptionAsHelp() {
    Result help = agp("sessions", "list", "--help");
    for (dev.agp.generated.runtime.QueryParameter parameter
        : dev.agp.generated.api.SessionsApi.ListSessionsParams.PARAMETERS) {
      String flag = "--" + parameter.name().replace('_', '-');
      assertThat(help.out()).as(flag).contains(flag);
      String firstWords = String.join(" ", java.util.Arrays.asList(parameter.description().split("\\s+")).subList(0, 3));
      assertThat(help.out().replaceAll("\\s+", " ")).as(flag).contains(firstWords);
      parameter.allowedValues().forEach(v -> assertThat(help.out()).contains(v));
    }
    assertThat(help.out()).contains("--parent, --parent-session-id");
  }

  @Test
  void queuedSessionsOfTheLastDayReachTheWireAsAStatusAndAnInstant() {
    sandbox.close();
    sandbox = AgpSandbox.builder().apiKey(KEY).dataUntil(Instant.now()).start();
    Instant before = Instant.now().minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS);

    Result result = agp("sessions", "list", "--status", "queued", "--created-after", "24h", "--size", "100", "--format", "jsonl");

    Instant after = Instant.now().minus(Duration.ofHours(24));
    assertThat(result.exit()).as(result.err()).isZero();
    RecordedCall call = listCalls().get(0);
    // Retrofit percent-encodes the colons of the instant (14%3A30%3A00Z), as a form query may.
    assertThat(call.target()).matches("/api/v2/sessions\\?size=100&status=queued&created_after=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\dZ");
    assertThat(Instant.parse(call.queryParameter("created_after"))).isBetween(before, after);
    assertThat(result.lines()).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"status\":\"queued\""));
    assertThat(sandbox.data().newestFirst().stream()
        .filter(s -> s.status().equals("queued") && s.createdAt().isAfter(before) && s.owner().equals("me")).count())
        .isEqualTo(result.lines().size());
  }

  @Test
  void timeFiltersTakeAnInstantOrADurationAndNothingElse() {
    Result instant = agp("sessions", "list", "--finished-before", "2026-05-07T14:30:00Z");
    assertThat(instant.exit()).as(instant.err()).isZero();
    assertThat(listCalls()).singleElement().satisfies(c ->
        assertThat(c.query()).isEqualTo(java.util.Map.of("finished_before", List.of("2026-05-07T14:30:00Z"))));
    Result bad = agp("sessions", "list", "--created-before", "yesterday");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--created-before must be an ISO-8601 instant such as 2026-05-07T14:30:00Z, or a "
        + "time back from now such as 90m, 24h or 7d (at most 100 years), but was \"yesterday\"");
    for (String odd : new String[] {"-5h", "1.5h", "24H", "1d2h", "99999999d"}) {
      assertThat(agp("sessions", "list", "--created-after", odd).exit()).as(odd).isEqualTo(2);
    }
    assertThat(listCalls()).hasSize(1);
  }

  @Test
  void aValueNewerThanThisVersionIsSentWithAWarning() {
    Result result = agp("sessions", "list", "--status", "archived");
    assertThat(result.err()).contains("agp: warning: --status archived is not a value this version of agp knows");
    assertThat(listCalls()).singleElement().satisfies(c -> assertThat(c.target()).isEqualTo(
        "/api/v2/sessions?status=archived"));
  }

  @Test
  void concurrencyBoundsTheRequestsInFlight() {
    // Sessions a second apart: with the default data's ties (sessions created in the same second), the walk
    // may re-plan and cancel a request, which the server counts until its latency has passed, while the
    // client no longer does; that would measure the server, not the flag.
    sandbox.data().clear().addOldSessions(200);
    sandbox.faults().latency(java.time.Duration.ofMillis(15));
    agp("--concurrency", "2", "sessions", "list", "--all", "--size", "20", "--format", "jsonl");
    assertThat(sandbox.maxInFlight()).isEqualTo(2);
  }

  @Test
  void noKeyAndNoUrlRunsAgainstTheEmbeddedSandbox() {
    Result result = agpWith(Map.of(), "sessions", "list", "--limit", "3", "--format", "jsonl");
    assertThat(result.exit()).isZero();
    assertThat(result.lines()).hasSize(3);
    assertThat(result.err().lines().toList()).singleElement().satisfies(line ->
        assertThat(line).startsWith("agp: using the embedded sandbox at http://"));
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void sandboxFlagWinsOverTheEnvironment() {
    Result result = agp("--sandbox", "sessions", "list", "--size", "2");
    assertThat(result.exit()).isZero();
    assertThat(result.err()).startsWith("agp: using the embedded sandbox");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void verboseLogsRequestsButNeverTheKey() {
    Result result = agp("--verbose", "sessions", "list", "--size", "2");
    assertThat(result.err()).contains("--> GET " + sandbox.baseUrl() + "api/v2/sessions?size=2")
        .contains("<-- 200 GET").doesNotContain(KEY);
    assertThat(result.out()).doesNotContain(KEY);
  }

  @Test
  void newestSessionComesFirstInTheTable() {
    sandbox.data().add(SandboxSession.builder("11111111-2222-4333-8444-555555555555")
        .agent("cli-test").status("queued").createdAt(Instant.parse("2027-01-01T00:00:00Z")).build());
    Result result = agp("sessions", "list", "--size", "1");
    assertThat(result.lines().get(1)).startsWith("11111111-2222-4333-8444-555555555555  cli-test").contains("queued");
  }

  @Test
  void progressGoesToStderrOnlyWhenItIsATerminal() {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = AgpCli.run(new String[] {"sessions", "list", "--all", "--format", "jsonl"},
        new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), env(), true);

    assertThat(exit).isZero();
    assertThat(err.toString()).contains("\r\033[K" + mine() + " sessions fetched").endsWith("\r\033[K");
    assertThat(out.toString()).doesNotContain("fetched");
    // Without a terminal (every other test), nothing extra is printed.
    assertThat(agp("sessions", "list", "--all", "--format", "jsonl").err()).isEmpty();
  }
}
