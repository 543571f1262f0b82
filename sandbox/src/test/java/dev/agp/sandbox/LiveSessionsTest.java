package dev.agp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live manager trees on a clock moved by hand: what each status says, and when. */
class LiveSessionsTest {

  private static final Set<String> TERMINAL = Set.of("completed", "failed", "timed_out", "interrupted");

  /** A clock the test moves. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-05-07T14:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final HandClock clock = new HandClock();
  final List<AgpSandbox> sandboxes = new ArrayList<>();
  final OkHttpClient http = new OkHttpClient();

  @AfterEach
  void stop() {
    sandboxes.forEach(AgpSandbox::close);
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private AgpSandbox live(long seed) {
    AgpSandbox sandbox = AgpSandbox.builder().seed(seed).clock(clock).live(Duration.ofMinutes(2)).start();
    sandboxes.add(sandbox);
    return sandbox;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> status(AgpSandbox sandbox, String id) throws IOException {
    Request request = new Request.Builder().url(sandbox.baseUrl() + "api/v2/sessions/" + id + "/status")
        .header("Authorization", "Bearer " + sandbox.apiKey()).build();
    try (Response response = http.newCall(request).execute()) {
      assertThat(response.code()).as("status of %s", id).isEqualTo(200);
      return (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(response.body().string());
    }
  }

  /** Every session of a manager's tree, by id, with its status, walking subagent_session_ids. */
  @SuppressWarnings("unchecked")
  private Map<String, String> tree(AgpSandbox sandbox, String root) throws IOException {
    Map<String, String> seen = new LinkedHashMap<>();
    List<String> next = new ArrayList<>(List.of(root));
    while (!next.isEmpty()) {
      String id = next.remove(0);
      Map<String, Object> status = status(sandbox, id);
      seen.put(id, (String) status.get("status"));
      next.addAll((List<String>) status.get("subagent_session_ids"));
    }
    return seen;
  }

  @Test
  void managersStartWaitingRunWithSubagentsAndAllEndWithinTheSpan() throws IOException {
    AgpSandbox sandbox = live(7);
    for (String manager : AgpSandbox.LIVE_MANAGER_IDS) {
      assertThat(tree(sandbox, manager)).hasSize(1).containsValue(status(sandbox, manager).get("status").toString())
          .allSatisfy((id, status) -> assertThat(status).isIn("queued", "pending"));
    }
    clock.now = clock.now.plusSeconds(60);
    Map<String, String> midway = tree(sandbox, AgpSandbox.LIVE_MANAGER_IDS.get(0));
    assertThat(midway.get(AgpSandbox.LIVE_MANAGER_IDS.get(0))).isEqualTo("running");
    assertThat(midway.size()).as("subagents spawned by the middle of the span").isGreaterThan(1);

    clock.now = clock.now.plusSeconds(60);
    Map<String, String> first = tree(sandbox, AgpSandbox.LIVE_MANAGER_IDS.get(0));
    assertThat(first).hasSize(12).allSatisfy((id, status) -> assertThat(status).isIn(TERMINAL));
    assertThat(first.get(AgpSandbox.LIVE_MANAGER_IDS.get(0))).isEqualTo("completed");
    assertThat(tree(sandbox, AgpSandbox.LIVE_MANAGER_IDS.get(1))).hasSize(5)
        .containsEntry(AgpSandbox.LIVE_MANAGER_IDS.get(1), "failed")
        .allSatisfy((id, status) -> assertThat(status).isIn(TERMINAL));
    assertThat(tree(sandbox, AgpSandbox.LIVE_MANAGER_IDS.get(2))).hasSize(1);
  }

  @Test
  void theSameSeedAndClockGiveTheSameAnswers() throws IOException {
    AgpSandbox one = live(3);
    AgpSandbox two = live(3);
    for (int second = 0; second <= 120; second += 7) {
      clock.now = Instant.parse("2026-05-07T14:00:00Z").plusSeconds(second);
      assertThat(tree(one, AgpSandbox.LIVE_MANAGER_IDS.get(0))).isEqualTo(tree(two, AgpSandbox.LIVE_MANAGER_IDS.get(0)));
    }
  }

  @Test
  void aSubagentEndsBeforeItsParent() throws IOException {
    AgpSandbox sandbox = live(11);
    Map<String, Instant> ended = new LinkedHashMap<>();
    Map<String, String> parents = new LinkedHashMap<>();
    for (int second = 0; second <= 121; second++) {
      clock.now = Instant.parse("2026-05-07T14:00:00Z").plusSeconds(second);
      for (String manager : AgpSandbox.LIVE_MANAGER_IDS) {
        walk(sandbox, manager, null, parents, ended);
      }
    }
    assertThat(ended.keySet()).containsAll(parents.keySet());
    parents.forEach((child, parent) -> {
      if (parent != null) {
        assertThat(ended.get(child)).as("%s ends no later than its parent", child).isBeforeOrEqualTo(ended.get(parent));
      }
    });
  }

  @SuppressWarnings("unchecked")
  private void walk(AgpSandbox sandbox, String id, String parent, Map<String, String> parents, Map<String, Instant> ended)
      throws IOException {
    Map<String, Object> status = status(sandbox, id);
    parents.putIfAbsent(id, parent);
    if (TERMINAL.contains((String) status.get("status"))) {
      ended.putIfAbsent(id, clock.now);
    }
    for (String child : (List<String>) status.get("subagent_session_ids")) {
      walk(sandbox, child, id, parents, ended);
    }
  }
}
