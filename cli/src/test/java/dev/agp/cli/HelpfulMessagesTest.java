package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error messages say what was wrong and what to check. */
class HelpfulMessagesTest extends CliTestSupport {

  @Test
  void aValidationErrorShowsTheRejectedInput() {
    // The CLI checks ids itself; the server's own 422 is met through a value only the server rejects.
    Result result = agp("sessions", "list", "--status", "archived");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("error: HTTP 422: query.status.0: Input should be ", "(got \"archived\")");
  }

  @Test
  void aRejectedKeySaysWhatToCheck() {
    Result result = agpWith(Map.of("H_API_KEY", "wrong", "AGP_BASE_URL", sandbox.baseUrl()), "sessions", "list");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("error: HTTP 401: Unauthorized: check H_API_KEY (or HAI_API_KEY), and that "
        + "it is a key for localhost").doesNotContain("wrong");
  }

  @Test
  void theSandboxAndAnotherTargetAtOnceIsAUsageError() {
    Result withUrl = agpWith(Map.of(), "--sandbox", "sessions", "list", "--base-url", "http://127.0.0.1:1/");
    assertThat(withUrl.exit()).isEqualTo(2);
    assertThat(withUrl.err()).contains("agp: --sandbox and --base-url name two different targets: choose one");
    Result withRegion = agpWith(Map.of(), "--region", "us", "--sandbox", "sessions", "get", dev.agp.sandbox.SandboxData.DEEP_TREE_ROOT_ID);
    assertThat(withRegion.exit()).isEqualTo(2);
    assertThat(withRegion.err()).contains("--sandbox and --region name two different targets");
    assertThat(withRegion.out()).isEmpty();
  }

  @Test
  void anEmptyBaseUrlSaysWhatIsExpected() {
    Result result = agpWith(Map.of("H_API_KEY", KEY), "--base-url", "", "sessions", "list");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--base-url must be an absolute http:// or https:// URL, but was empty");
  }

  @Test
  void aCommandWithoutItsSubcommandNamesThemAll() {
    assertThat(agp().err()).contains("agp: Missing command: choose sessions, sandbox, completion or help");
    assertThat(agp("sessions").err()).contains("Missing command: choose list, get, status, tree, wait, watch or help");
  }

  @Test
  void helpReachesACommandAtAnyDepth() {
    Result result = agp("help", "sessions", "list");
    assertThat(result.exit()).isZero();
    assertThat(result.out()).startsWith("Usage: agp sessions list [OPTIONS]");
    Result unknown = agp("help", "sessions", "lst");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no command 'lst' in 'agp sessions': choose list, get, status, tree, wait, watch or help");
    Result beyond = agp("help", "sessions", "list", "bogus");
    assertThat(beyond.exit()).isEqualTo(2);
    assertThat(beyond.err()).contains("'agp sessions list' has no commands below it, but was given 'bogus'");
  }

  @Test
  void retriesAreBounded() {
    Result result = agp("--max-retries", "1000000", "sessions", "list");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("--max-retries must be between 0 and 10, but was 1000000");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void anUnknownHostSaysWhichAndWhatToCheck() {
    Result result = agpWith(Map.of("H_API_KEY", KEY), "--max-retries", "0", "--base-url", "https://no-such-host.invalid",
        "sessions", "list");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("error: cannot resolve host no-such-host.invalid: check --region, --base-url");
  }

  @Test
  void theEnvironmentIsReadAsTheLibraryReadsIt() {
    // AGP_REGION is an explicit target: no key is then a usage error, not the sandbox.
    Result region = agpWith(Map.of("AGP_REGION", "us"), "sessions", "list");
    assertThat(region.exit()).isEqualTo(2);
    assertThat(region.err()).contains("no API key: set H_API_KEY (or HAI_API_KEY) to use the region in AGP_REGION");
    Result badRegion = agpWith(Map.of("H_API_KEY", KEY, "AGP_REGION", "asia"), "sessions", "list");
    assertThat(badRegion.exit()).isEqualTo(2);
    assertThat(badRegion.err()).contains("AGP_REGION must be eu or us, but was \"asia\"");
    Result badUrl = agpWith(Map.of("H_API_KEY", KEY, "AGP_BASE_URL", "not a url"), "sessions", "list");
    assertThat(badUrl.exit()).isEqualTo(2);
    assertThat(badUrl.err()).contains("AGP_BASE_URL: Malformed base URL");
    // A blank H_API_KEY is unset: HAI_API_KEY is used, as the library does.
    Result blank = agpWith(Map.of("H_API_KEY", " ", "HAI_API_KEY", KEY, "AGP_BASE_URL", sandbox.baseUrl()),
        "sessions", "list", "--size", "1");
    assertThat(blank.exit()).as(blank.err()).isZero();
    assertThat(blank.err()).isEmpty();
  }
}
