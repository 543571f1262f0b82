package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.agp.sandbox.SandboxData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OtherCommandsTest extends CliTestSupport {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) throws IOException {
    return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(json);
  }

  @Test
  void getAsJsonAndTable() throws IOException {
    Result json = agp("sessions", "get", SandboxData.DEEP_TREE_ROOT_ID);
    assertThat(json.exit()).isZero();
    assertThat(parse(json.out())).containsEntry("id", SandboxData.DEEP_TREE_ROOT_ID).containsKeys("request", "status", "created_at");

    Result table = agp("sessions", "get", SandboxData.DEEP_TREE_ROOT_ID, "--format", "table");
    assertThat(table.out()).contains("id           " + SandboxData.DEEP_TREE_ROOT_ID).contains("status       running")
        .contains("subagent     ");
  }

  @Test
  void statusAsJsonAndTable() throws IOException {
    Result json = agp("sessions", "status", SandboxData.DEEP_TREE_ROOT_ID, "--format", "json");
    assertThat(parse(json.out())).containsEntry("status", "running").containsKey("subagent_session_ids");
    Result table = agp("sessions", "status", SandboxData.DEEP_TREE_ROOT_ID, "--format", "table");
    assertThat(table.lines()).filteredOn(l -> l.startsWith("subagent")).hasSize(3);
  }

  @Test
  void treeAsJsonLinesIsPreOrderWithDepthAndParent() throws IOException {
    Result result = agp("sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--format", "jsonl");

    assertThat(result.exit()).isZero();
    assertThat(result.lines()).hasSize(121);
    Set<String> seen = new HashSet<>();
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : result.lines()) {
      lines.add(parse(line));
    }
    assertThat(lines.get(0)).containsEntry("id", SandboxData.DEEP_TREE_ROOT_ID).containsEntry("depth", 0.0)
        .containsEntry("parent_session_id", null);
    for (Map<String, Object> line : lines) {
      assertThat(line).containsKeys("id", "agent", "status", "first_message", "created_at", "started_at", "finished_at");
      if (line.get("parent_session_id") != null) {
        assertThat(seen).contains((String) line.get("parent_session_id"));
      }
      assertThat(seen.add((String) line.get("id"))).isTrue();
    }
  }

  @Test
  void treeMaxDepthAndThePeopleFormat() {
    Result result = agp("sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--max-depth", "1");
    assertThat(result.lines()).hasSize(4);
    assertThat(result.lines().get(0)).startsWith(SandboxData.DEEP_TREE_ROOT_ID + "  h/manager  running");
    assertThat(result.lines().subList(1, 4)).allSatisfy(line -> assertThat(line).startsWith("  ").doesNotStartWith("   "));
  }

  @Test
  void aCycleIsReportedOnceOnStderrAndTheTreeStillSucceeds() {
    String child = sandbox.data().childIds(SandboxData.SMALL_TREE_ROOT_ID).get(0);
    sandbox.data().linkChild(child, SandboxData.SMALL_TREE_ROOT_ID);

    Result result = agp("sessions", "tree", SandboxData.SMALL_TREE_ROOT_ID, "--format", "jsonl");

    assertThat(result.exit()).isZero();
    assertThat(result.lines()).hasSize(7);
    assertThat(result.err().lines().toList()).singleElement()
        .satisfies(line -> assertThat(line).contains(SandboxData.SMALL_TREE_ROOT_ID).contains("not followed"));
  }

  @Test
  void anApiErrorIsOneLineAndExitCode1() {
    Result result = agp("sessions", "get", "00000000-0000-4000-8000-000000000000");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: HTTP 404: Session not found.\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aFailingBranchIsAnApiError() {
    String broken = sandbox.data().childIds(SandboxData.DEEP_TREE_ROOT_ID).get(0);
    sandbox.faults().failChildListsOf(broken, 500);
    Result result = agp("--max-retries", "0", "sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--format", "jsonl");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: HTTP 500: ").contains(broken);
  }

  @Test
  void retriesFollowMaxRetries() {
    sandbox.faults().failNext(1, 503);
    assertThat(agp("sessions", "list").exit()).isZero();
    sandbox.faults().failNext(1, 503);
    Result noRetry = agp("--max-retries", "0", "sessions", "list");
    assertThat(noRetry.exit()).isEqualTo(1);
    assertThat(noRetry.err()).isEqualTo("error: HTTP 503: Injected failure\n");
  }

  @Test
  void aNetworkFailureIsExitCode1() {
    Map<String, String> env = Map.of("H_API_KEY", KEY, "AGP_BASE_URL", "http://127.0.0.1:9/");
    Result result = agpWith(env, "--max-retries", "0", "sessions", "list");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: GET /api/v2/sessions failed after 1 attempt");
  }

  @Test
  void aTimeoutIsANetworkErrorThatSaysHowLongEachAttemptHad() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      // Accepts connections (the backlog does) and never answers.
      Map<String, String> env = Map.of("H_API_KEY", KEY, "AGP_BASE_URL", "http://127.0.0.1:" + silent.getLocalPort() + "/");
      Result result = agpWith(env, "--timeout", "1", "--max-retries", "1", "sessions", "list");
      assertThat(result.exit()).isEqualTo(1);
      assertThat(result.err()).isEqualTo("error: timed out after 2 attempts (1 s each): GET /api/v2/sessions\n");
    }
  }

  @Test
  void theSandboxCommandServesUntilStopped() throws Exception {
    StringWriter out = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread runner = new Thread(() -> exit.set(AgpCli.run(new String[] {"sandbox", "--port", "0"},
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of(), false)));
    runner.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!out.toString().contains("API key: ") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    String text = out.toString();
    assertThat(text).contains("AgP sandbox listening on http://").contains("API key: sandbox-key");
    String url = text.lines().filter(l -> l.startsWith("AgP sandbox listening on ")).findFirst().orElseThrow()
        .substring("AgP sandbox listening on ".length());
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url + "api/v2/sessions?size=1")).header("Authorization", "Bearer sandbox-key").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    runner.interrupt();
    runner.join(10_000);
    assertThat(exit.get()).isZero();
  }
}
