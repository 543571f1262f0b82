package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every usage error exits 2, says what was wrong, and is found before any request. */
class UsageErrorTest extends CliTestSupport {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--bogus sessions list                          | Unknown option",
      "sessions lst                                   | Unmatched argument",
      "sessions                                       | Missing command",
      "sessions list --status queued                  | pending, running, paused, idle, completed, failed, timed_out, interrupted",
      "sessions list --status running,paused          | --status must be one of",
      "sessions list --size 0                         | --size must be between 1 and 1000",
      "sessions list --size 1001                      | --size must be between 1 and 1000",
      "sessions list --page 0                         | --page must be 1 or more",
      "sessions list --limit 0                        | --limit must be 1 or more",
      "sessions list --owner everyone                 | --owner must be one of me, me-in-organization",
      "sessions list --sort newest                    | --sort must be created_at or -created_at",
      "sessions list --format xml                     | --format must be one of table, json, jsonl",
      "sessions list --agent ' '                      | --agent must not be blank",
      "sessions tree x --max-depth -1                 | --max-depth must be 0 or more",
      "sessions tree x --max-nodes 0                  | --max-nodes must be 1 or more",
      "--concurrency 0 sessions list --all            | --concurrency must be 1 or more",
      "--max-retries -1 sessions list                 | --max-retries must be 0 or more",
      "--timeout 0 sessions list                      | --timeout must be 1 or more",
      "--region mars sessions list                    | --region must be eu or us",
      "--base-url not-a-url sessions list             | Malformed base URL",
      "--base-url http://example.com sessions list    | clear text",
      "sessions get                                   | Missing required parameter",
      "sessions tree x --format table                 | --format must be one of tree, jsonl"})
  void exitsWithCode2BeforeAnyRequest(String commandLine, String message) {
    String[] args = commandLine.trim().replace("' '", "\u0000").split("\\s+");
    for (int i = 0; i < args.length; i++) {
      args[i] = args[i].replace("\u0000", " ");
    }
    Result result = agp(args);

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(message).doesNotContain(KEY);
    assertThat(sandbox.requests()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"sessions list --size 0", "--base-url http://example.com sessions list"})
  void noEmbeddedSandboxStartsForAUsageError(String commandLine) {
    Result result = agpWith(Map.of(), commandLine.split(" "));
    assertThat(result.exit()).isEqualTo(2);
  }
}
