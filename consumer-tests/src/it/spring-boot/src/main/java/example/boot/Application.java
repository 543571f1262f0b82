package example.boot;

import dev.agp.client.AgpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application with one AgpClient bean, configured from the application's properties. */
@SpringBootApplication
public class Application {

  public static void main(String[] args) {
    SpringApplication.run(Application.class, args);
  }

  /** Closed with the context (AgpClient is AutoCloseable). */
  @Bean
  AgpClient agpClient(@Value("${agp.base-url}") String baseUrl, @Value("${agp.api-key}") String apiKey) {
    return AgpClient.builder().baseUrl(baseUrl).apiKey(apiKey).build();
  }
}
