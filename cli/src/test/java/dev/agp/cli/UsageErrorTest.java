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
      "sessions list --status running,paused          | --status must be one of queued, pending, running",
      "sessions list --size 0                         | --size must be between 1 and 100",
      "sessions list --size 101                       | --size must be between 1 and 100",
      "sessions list --page 0                         | --page must be 1 or more",
      "sessions list --limit 0                        | --limit must be 1 or more",
      "sessions list --owner Everyone!                | --owner must be one of me, me-in-organization",
      "sessions list --sort 'newest first'            | --sort must be one of created_at, -created_at",
      "sessions list --parent-session-id ''           | --parent-session-id must not be blank",
      "sessions list --size ten                       | --size must be a whole number between 1 and 100",
      "sessions list --format xml                     | --format must be one of table, json, jsonl",
      "sessions list --agent ' '                      | --agent must not be blank",
      "sessions tree x --max-depth -1                 | --max-depth must be 0 or more",
      "sessions tree x --max-nodes 0                  | --max-nodes must be 1 or more",
      "--concurrency 0 sessions list --all            | --concurrency must be between 1 and 32",
      "--concurrency 1000000 sessions list --all      | --concurrency must be between 1 and 32",
      "--max-retries -1 sessions list                 | --max-retries must be between 0 and 10, but was -1",
      "--timeout 0 sessions list                      | --request-timeout must be 1 or more",
      "sessions list --request-timeout 0              | --request-timeout must be 1 or more",
      "sessions wait a1b2c3d4-e5f6-7890-abcd-ef1234567890 --timeout 5 | --timeout must be a duration",
      "sessions watch x                               | ID must be a UUID",
      "--region mars sessions list                    | --region must be eu or us",
      "--base-url not-a-url sessions list             | Malformed base URL",
      "--base-url http://example.com sessions list    | clear text",
      "sessions get                                   | Missing required parameter",
      "sessions get not-a-uuid                        | ID must be a UUID such as a1b2c3d4-e5f6-7890-abcd-ef1234567890, but was \"not-a-uuid\"",
      "sessions status ..                             | ID must be a UUID",
      "sessions tree .                                | ID must be a UUID",
      "sessions tree x --format table                 | --format must be one of tree, jsonl"})
  void exitsWithCode2BeforeAnyRequest(String commandLine, String message) {
    // Quoted words keep their spaces: 'newest first' is one argument, '' an empty one.
    java.util.List<String> words = new java.util.ArrayList<>();
    java.util.regex.Matcher word = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(commandLine.trim());
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2));
    }
    String[] args = words.toArray(String[]::new);
    Result result = agp(args);

    assertThat(result.exit()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).contains(message).doesNotContain(KEY);
    assertThat(sandbox.requests()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--region us sessions list                      | no API key: set H_API_KEY (or HAI_API_KEY) to use the us region",
      "--base-url https://agp.example sessions list   | no API key: set H_API_KEY (or HAI_API_KEY) to use https://agp.example"})
  void anExplicitTargetWithoutAKeyIsAUsageErrorNotTheSandbox(String commandLine, String message) {
    Result result = agpWith(Map.of(), commandLine.trim().split("\\s+"));
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains(message).doesNotContain("embedded sandbox");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"sessions list --size 0", "--base-url http://example.com sessions list"})
  void noEmbeddedSandboxStartsForAUsageError(String commandLine) {
    Result result = agpWith(Map.of(), commandLine.split(" "));
    assertThat(result.exit()).isEqualTo(2);
  }
}
