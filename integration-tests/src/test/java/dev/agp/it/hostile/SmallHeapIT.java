package dev.agp.it.hostile;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.AgpClient;
import dev.agp.client.errors.AgpDecodingException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs in a JVM of its own with {@code -Xmx256m} (see the module's POM): a 200 MB page, the report's case,
 * fails with the typed error at the default 16 MiB limit instead of exhausting the heap, blocking and
 * non-blocking alike.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SmallHeapIT {

  private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;

  @Test
  void theHeapIsSmall() {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with -Xmx256m").isLessThanOrEqualTo(300L * 1024 * 1024);
  }

  @Test
  void aPageLargerThanTheHeapIsATypedErrorBlockingAndNot() throws Exception {
    try (RawServer server = new RawServer((socket, out) -> Bodies.endlessPage(out, TWO_HUNDRED_MB));
        AgpClient client = AgpClient.builder().apiKey("sk-test-small-heap").baseUrl(server.url()).build()) {
      assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.none()))
          .isExactlyInstanceOf(AgpDecodingException.class)
          .hasMessageContaining("larger than the client's maximum of 16777216 bytes");
      assertThatThrownBy(() -> client.sessions().listAsync(ListSessionsParams.none()).join())
          .isInstanceOf(CompletionException.class).hasCauseExactlyInstanceOf(AgpDecodingException.class);
      assertThat(server.requests()).isEqualTo(2);
    }
  }
}
