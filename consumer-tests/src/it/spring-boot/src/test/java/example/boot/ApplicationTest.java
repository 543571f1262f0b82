package example.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.client.AgpClient;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.sandbox.AgpSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class ApplicationTest {

  private static final AgpSandbox SANDBOX = AgpSandbox.start();

  @DynamicPropertySource
  static void agpProperties(DynamicPropertyRegistry registry) {
    registry.add("agp.base-url", SANDBOX::baseUrl);
    registry.add("agp.api-key", SANDBOX::apiKey);
  }

  @AfterAll
  static void stopSandbox() {
    SANDBOX.close();
  }

  @Autowired AgpClient client;

  @Test
  void theApplicationStartsAndItsClientLists() {
    long total = client.sessions().list(ListSessionsParams.none()).total();
    assertThat(total).isGreaterThan(100);
    assertThat(client.sessions().listAll(ListSessionsParams.none()).stream().count()).isEqualTo(total);
    assertThat(kotlin.KotlinVersion.CURRENT.toString()).as("Spring Boot's Kotlin, not agp-bom's").startsWith("1.9.");
  }
}
