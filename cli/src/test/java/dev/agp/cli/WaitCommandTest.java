package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import dev.agp.sandbox.AgpSandbox;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sessions wait} and {@code sessions watch} against live manager trees that end within two
 * seconds (real time: the waiting itself is proven on a virtual clock in the client's model tests).
 */
class WaitCommandTest extends CliTestSupport {

  private static final String BIG = AgpSandbox.LIVE_MANAGER_IDS.get(0);
  private static final String FAILING = AgpSandbox.LIVE_MANAGER_IDS.get(1);
  private static final String SINGLE = AgpSandbox.LIVE_MANAGER_IDS.get(2);

  @BeforeEach
  @Override
  void startSandbox() {
    sandbox = AgpSandbox.builder().apiKey(KEY).live(Duration.ofSeconds(2)).start();
  }

  @Test
  void aTreeIsPrintedOnceAllIsTerminalAndAnyFailureIsExitCode3() {
    Result result = agp("sessions", "wait", BIG, "--tree", "--poll-interval", "50ms");
    assertThat(result.lines()).hasSize(12);
    assertThat(result.lines().get(0)).startsWith(BIG + "  completed  steps 12");
    assertThat(result.lines().subList(1, 12)).allSatisfy(line -> assertThat(line).startsWith("  "));
    boolean anyFailed = result.lines().stream().anyMatch(l -> l.matches(".*  (failed|timed_out|interrupted)  .*"));
    assertThat(anyFailed).as("the seeded tree has failures").isTrue();
    assertThat(result.exit()).as(result.err()).isEqualTo(3);
  }

  @Test
  void oneSessionIsOneLine() {
    Result completed = agp("sessions", "wait", SINGLE, "--poll-interval", "50ms");
    assertThat(completed.exit()).as(completed.err()).isZero();
    assertThat(completed.lines()).singleElement().asString().startsWith(SINGLE + "  completed");
    Result failed = agp("sessions", "wait", FAILING, "--poll-interval", "50ms");
    assertThat(failed.exit()).isEqualTo(3);
    assertThat(failed.lines()).singleElement().asString().contains("failed", "The agent stopped: failed.");
  }

  @Test
  void theTimeoutIsExitCode4AfterWhatWasSeen() {
    Result result = agp("sessions", "wait", BIG, "--tree", "--timeout", "300ms", "--poll-interval", "50ms");
    assertThat(result.exit()).isEqualTo(4);
    assertThat(result.lines()).isNotEmpty().first().asString().startsWith(BIG);
    assertThat(result.err()).contains("still not terminal after", "(--timeout)");
  }

  @Test
  void watchWritesOneJsonLinePerEventThenASummary() throws IOException {
    Result result = agp("sessions", "watch", BIG, "--poll-interval", "50ms");
    assertThat(result.exit()).isEqualTo(3);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : result.lines()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> json = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class).fromJson(line);
      lines.add(json);
    }
    assertThat(lines.get(0)).containsEntry("event", "discovered").containsEntry("id", BIG);
    assertThat(lines).filteredOn(l -> "status".equals(l.get("event"))).isNotEmpty()
        .allSatisfy(l -> assertThat(l).containsKeys("id", "from", "to", "at"));
    assertThat(lines.get(lines.size() - 1)).containsEntry("event", "finished").containsEntry("sessions", 12.0);
  }

  @Test
  void durationsAndTheRequestTimeoutAreChecked() {
    Result noUnit = agp("sessions", "wait", BIG, "--timeout", "5");
    assertThat(noUnit.exit()).isEqualTo(2);
    assertThat(noUnit.err()).contains("--timeout must be a duration such as 90s, 30m or 1h30m, but was \"5\"");
    assertThat(agp("sessions", "wait", BIG, "--poll-interval", "1ms").err())
        .contains("--poll-interval must be between 10ms and 15m");
    assertThat(sandbox.requests()).isEmpty();

    Result oldSpelling = agp("--timeout", "5", "sessions", "list", "--size", "1");
    assertThat(oldSpelling.exit()).as(oldSpelling.err()).isZero();
    assertThat(agp("sessions", "list", "--request-timeout", "0").err()).contains("--request-timeout must be 1 or more");
  }
}
