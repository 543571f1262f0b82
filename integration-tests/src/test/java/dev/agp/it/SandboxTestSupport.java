package dev.agp.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.client.AgpClient;
import dev.agp.client.LogLevel;
import dev.agp.client.Sleeper;
import dev.agp.sandbox.AgpSandbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh sandbox per test, a client against it whose traffic is checked against the spec, captured log
 * lines, and a sleeper that records waits instead of sleeping. After each test: no contract violation.
 */
abstract class SandboxTestSupport {
  /** A key distinctive enough that finding it in a log or message cannot be a coincidence. */
  static final String KEY = "sk-it-7f3a9c41d2e8b6a0";

  final ContractValidator contract = new ContractValidator();
  final List<String> logLines = new CopyOnWriteArrayList<>();
  final List<Duration> waits = new CopyOnWriteArrayList<>();
  final Sleeper recordingSleeper = new Sleeper() {
    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }

    @Override
    public CompletableFuture<Void> sleepAsync(Duration duration) {
      waits.add(duration);
      return CompletableFuture.completedFuture(null);
    }
  };

  AgpSandbox sandbox;
  OkHttpClient http;
  AgpClient client;

  @BeforeEach
  void start() {
    sandbox = AgpSandbox.builder().apiKey(KEY).start();
    http = new OkHttpClient.Builder().addNetworkInterceptor(contract).build();
    client = clientBuilder().build();
  }

  /** A builder for more clients against the same sandbox, with the contract check and log capture. */
  AgpClient.Builder clientBuilder() {
    return AgpClient.builder()
        .baseUrl(sandbox.baseUrl())
        .apiKey(sandbox.apiKey())
        .httpClient(http)
        .sleeper(recordingSleeper)
        .logLevel(LogLevel.HEADERS)
        .logger(logLines::add);
  }

  @AfterEach
  void checkContractAndStop() {
    client.close();
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    assertThat(contract.violations()).as("requests and responses that break agp-sessions.yaml").isEmpty();
    assertThat(contract.unmetExpectations()).as("contract violations a test expected but never caused").isEmpty();
    assertThat(String.join("\n", logLines)).doesNotContain(sandbox.apiKey());
  }
}
