package dev.agp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class AgpSandboxTest extends SandboxHttpTest {

  private record Reply(int status, Map<String, Object> json) {}

  @SuppressWarnings("unchecked")
  private Reply get(String target, String key) throws IOException {
    Request.Builder request = new Request.Builder().url(sandbox.baseUrl() + target.substring(1));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      Object json = new Moshi.Builder().build().adapter(Object.class).fromJson(response.body().string());
      return new Reply(response.code(), (Map<String, Object>) json);
    }
  }

  private Reply get(String target) throws IOException {
    return get(target, sandbox.apiKey());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> items(Reply reply) {
    return (List<Map<String, Object>>) reply.json().get("items");
  }

  @Test
  void startsOnLoopbackWithTheDefaultKey() {
    assertThat(sandbox.baseUrl()).startsWith("http://").endsWith("/");
    assertThat(sandbox.apiKey()).isEqualTo(AgpSandbox.DEFAULT_API_KEY);
    assertThat(sandbox.data().size()).isGreaterThan(300);
  }

  @Test
  void aMissingOrWrongKeyIsRejectedAtTheGateway() throws IOException {
    assertThat(get("/api/v2/sessions", null).status()).isEqualTo(401);
    Reply wrong = get("/api/v2/sessions", "nope");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json()).containsEntry("message", "Unauthorized");
  }

  @Test
  void listsNewestFirstWithTotalAndPages() throws IOException {
    Reply first = get("/api/v2/sessions?size=5");
    Reply second = get("/api/v2/sessions?size=5&page=2");
    Reply oldest = get("/api/v2/sessions?size=5&sort=created_at");

    assertThat(first.status()).isEqualTo(200);
    assertThat(items(first)).hasSize(5);
    assertThat(first.json().get("page")).isEqualTo(1.0);
    double total = (Double) first.json().get("total");
    assertThat(total).isEqualTo((Double) second.json().get("total")).isGreaterThan(300);
    List<String> createdFirst = items(first).stream().map(i -> (String) i.get("created_at")).toList();
    assertThat(createdFirst).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat((String) items(first).get(4).get("created_at")).isGreaterThanOrEqualTo((String) items(second).get(0).get("created_at"));
    assertThat(items(oldest).stream().map(i -> (String) i.get("created_at")).toList()).isSorted();
  }

  @Test
  void filtersCombine() throws IOException {
    Reply failed = get("/api/v2/sessions?size=100&status=failed&status=queued");
    assertThat(items(failed)).isNotEmpty().allSatisfy(i -> assertThat(i.get("status")).isIn("failed", "queued"));
    Reply agent = get("/api/v2/sessions?size=100&agent=fast-searcher");
    assertThat(items(agent)).isNotEmpty().allSatisfy(i -> assertThat(i.get("agent")).isEqualTo("fast-searcher"));
    Reply group = get("/api/v2/sessions?size=100&group_id=trip-planning-001");
    assertThat(items(group)).isNotEmpty();
    Reply children = get("/api/v2/sessions?size=100&parent_session_id=" + SandboxData.WIDE_MANAGER_ID);
    assertThat(children.json().get("total")).isEqualTo(120.0);
    assertThat(items(children)).hasSize(100);
    Reply mine = get("/api/v2/sessions?size=1");
    Reply org = get("/api/v2/sessions?size=1&owner=organization");
    assertThat((Double) org.json().get("total")).isGreaterThan((Double) mine.json().get("total"));
  }

  @Test
  void invalidParametersAre422WithDetailItems() throws IOException {
    for (String bad : List.of("page=0", "page=abc", "size=101", "size=0", "sort=newest", "status=running,paused",
        "status=unknown", "owner=everyone", "page=1&page=2", "group_id=a&group_id=b")) {
      Reply reply = get("/api/v2/sessions?" + bad);
      assertThat(reply.status()).as(bad).isEqualTo(422);
      assertThat(reply.json().get("detail")).as(bad).isInstanceOf(List.class);
      @SuppressWarnings("unchecked")
      Map<String, Object> item = ((List<Map<String, Object>>) reply.json().get("detail")).get(0);
      assertThat(item).as(bad).containsKeys("type", "loc", "msg");
    }
  }

  @Test
  void retrieveAndStatus() throws IOException {
    Reply session = get("/api/v2/sessions/" + SandboxData.DEEP_TREE_ROOT_ID);
    Reply status = get("/api/v2/sessions/" + SandboxData.DEEP_TREE_ROOT_ID + "/status");
    assertThat(session.status()).isEqualTo(200);
    assertThat(session.json()).containsKeys("id", "request", "status", "created_at");
    assertThat((List<?>) status.json().get("subagent_session_ids")).hasSize(3);
    assertThat(get("/api/v2/sessions/00000000-0000-4000-8000-000000000000").status()).isEqualTo(404);
    assertThat(get("/api/v2/sessions/00000000-0000-4000-8000-000000000000").json()).containsEntry("detail", "Session not found.");
    assertThat(get("/api/v2/sessions/not-a-uuid").status()).isEqualTo(422);
  }

  @Test
  void idsCompareWithoutRegardToCaseAsUuidsDo() throws IOException {
    String upper = SandboxData.DEEP_TREE_ROOT_ID.toUpperCase(java.util.Locale.ROOT);

    assertThat(get("/api/v2/sessions/" + upper).status()).isEqualTo(200);
    assertThat(get("/api/v2/sessions/" + upper).json()).containsEntry("id", SandboxData.DEEP_TREE_ROOT_ID);
    assertThat((List<?>) get("/api/v2/sessions/" + upper + "/status").json().get("subagent_session_ids")).hasSize(3);
    assertThat(items(get("/api/v2/sessions?parent_session_id=" + upper))).hasSize(3);
  }

  @Test
  void aBusyPortIsNamedWithItsCause() throws IOException {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgpSandbox.builder().port(busy.getLocalPort()).start())
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessage("Could not start the sandbox on port " + busy.getLocalPort() + ": Address already in use");
    }
  }

  @Test
  void faultsAreConsumedInOrder() throws IOException {
    sandbox.faults().failNext(1, 429, "2").failNext(1, 503).malformedNext(1).truncatedNext(1);
    Request request = new Request.Builder().url(sandbox.baseUrl() + "api/v2/sessions")
        .header("Authorization", "Bearer " + sandbox.apiKey()).build();
    try (Response r = http.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(429);
      assertThat(r.header("Retry-After")).isEqualTo("2");
    }
    try (Response r = http.newCall(request).execute()) {
      assertThat(r.code()).isEqualTo(503);
    }
    try (Response r = http.newCall(request).execute()) {
      assertThat(r.body().string()).startsWith("<html>");
    }
    try (Response r = http.newCall(request).execute()) {
      assertThat(r.body().string()).startsWith("{\"items\":[").doesNotEndWith("}");
    }
    assertThat(get("/api/v2/sessions").status()).isEqualTo(200);
    assertThat(sandbox.requests()).extracting(RecordedCall::status).containsExactly(429, 503, 200, 200, 200);
  }

  @Test
  void insertsAtTheHeadBetweenPageRequests() throws IOException {
    double before = (Double) get("/api/v2/sessions?size=10").json().get("total");
    sandbox.faults().insertAtHeadBetweenPages(3, 2);
    get("/api/v2/sessions?size=10&page=2");
    get("/api/v2/sessions?size=10&page=3");
    Reply after = get("/api/v2/sessions?size=10&page=4");
    assertThat((Double) after.json().get("total")).isEqualTo(before + 6);
  }

  @Test
  void linkChildBuildsCycles() throws IOException {
    String child = sandbox.data().childIds(SandboxData.SMALL_TREE_ROOT_ID).get(0);
    sandbox.data().linkChild(child, SandboxData.SMALL_TREE_ROOT_ID);
    Reply children = get("/api/v2/sessions?parent_session_id=" + child);
    assertThat(items(children)).extracting(i -> i.get("id")).contains(SandboxData.SMALL_TREE_ROOT_ID);
  }
}
