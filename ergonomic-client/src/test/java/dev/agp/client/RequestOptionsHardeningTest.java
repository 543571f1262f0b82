package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** Extra headers cannot smuggle other headers, lose their whitespace silently, or follow a redirect elsewhere. */
class RequestOptionsHardeningTest extends MockServerTestBase {

  @Test
  void aNameMustBeAnHttpTokenSoThatItCannotSmuggleAHeader() {
    for (String name : new String[] {"Authorization:Bearer", "Host:evil.example", ":path", "X(A)", "X/A", "X@A"}) {
      assertThatThrownBy(() -> RequestOptions.builder().header(name, "v")).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
      assertThatThrownBy(() -> AgpClient.builder().header(name, "v")).as(name).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(RequestOptions.builder().header("X-Trace_id.1~", "v").build().headers()).containsKey("X-Trace_id.1~");
  }

  @Test
  void aValueWithSurroundingWhitespaceIsRefusedRatherThanSentTrimmed() {
    assertThatThrownBy(() -> RequestOptions.builder().header("X-A", "  secret  "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whitespace").hasMessageNotContaining("secret");
  }

  @Test
  void namesCompareWithoutCase() {
    assertThat(RequestOptions.builder().header("X-A", "1").build())
        .isEqualTo(RequestOptions.builder().header("x-a", "1").build())
        .hasSameHashCodeAs(RequestOptions.builder().header("x-a", "1").build());
  }

  @Test
  void aRedirectToAnotherHostIsRefusedWhileExtraHeadersAreSet() throws IOException {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      other.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
          .body("{\"items\":[],\"page\":1,\"total\":0}").build());
      server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", other.url("/api/v2/sessions")).build());
      AgpClient client = client();
      RequestOptions secret = RequestOptions.builder().header("X-Gateway-Token", "gw-secret").build();
      assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.none(), secret))
          .isInstanceOf(dev.agp.client.errors.AgpNetworkException.class).hasRootCauseInstanceOf(RedirectRefusedException.class)
          .hasMessageContaining("X-Gateway-Token")
          .hasMessageNotContaining("gw-secret");
      assertThat(other.getRequestCount()).as("nothing reached the other host").isZero();

      // Without extra headers, the same redirect is followed (loopback, clear text: allowed).
      server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", other.url("/api/v2/sessions")).build());
      assertThat(client.sessions().list(ListSessionsParams.none()).items()).isEmpty();
      assertThat(other.getRequestCount()).isOne();
    }
  }
}
