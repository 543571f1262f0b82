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
    assertThat(result.err()).contains("error: HTTP 401: Unauthorized: check H_API_KEY (or HAI_API_KEY)")
        .doesNotContain("wrong");
  }

  @Test
  void anUnknownHostSaysWhichAndWhatToCheck() {
    Result result = agpWith(Map.of("H_API_KEY", KEY), "--max-retries", "0", "--base-url", "https://no-such-host.invalid",
        "sessions", "list");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("error: cannot resolve host no-such-host.invalid: check --region, --base-url");
  }
}
