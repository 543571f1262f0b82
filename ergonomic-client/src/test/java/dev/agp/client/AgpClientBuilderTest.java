package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgpClientBuilderTest {

  private static final String KEY = "sk-live-abcdef0123456789";

  private static AgpClient.Builder withEnvironment(Map<String, String> env) {
    return AgpClient.builder().environment(name -> (@Nullable String) env.get(name));
  }

  @Test
  void aMissingKeyIsRejectedNamingBothVariables() {
    assertThatThrownBy(() -> withEnvironment(Map.of()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No API key")
        .hasMessageContaining("apiKey(")
        .hasMessageContaining("H_API_KEY")
        .hasMessageContaining("HAI_API_KEY");
  }

  @Test
  void aBlankKeyIsRejected() {
    assertThatThrownBy(() -> withEnvironment(Map.of()).apiKey("  ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No API key");
  }

  @Test
  void theKeyComesFromHApiKeyThenHaiApiKey() {
    try (AgpClient client = withEnvironment(Map.of("H_API_KEY", KEY, "HAI_API_KEY", "other")).build()) {
      assertThat(client.baseUrl()).isEqualTo("https://agp.eu.hcompany.ai/");
    }
    try (AgpClient client = withEnvironment(Map.of("HAI_API_KEY", KEY)).build()) {
      assertThat(client).isNotNull();
    }
    try (AgpClient client = withEnvironment(Map.of("H_API_KEY", "", "HAI_API_KEY", KEY)).build()) {
      assertThat(client).isNotNull();
    }
  }

  @Test
  void aBlankHApiKeyCountsAsUnsetAsItDoesForTheCommandLineTool() {
    try (AgpClient client = withEnvironment(Map.of("H_API_KEY", "  ", "HAI_API_KEY", KEY)).build()) {
      assertThat(client).isNotNull();
    }
  }

  @Test
  void fromEnvReadsTheKeyTheBaseUrlAndTheRegion() {
    try (AgpClient client = AgpClient.builder()
        .fromEnv(Map.of("HAI_API_KEY", KEY, "AGP_BASE_URL", "http://127.0.0.1:8080", "AGP_REGION", "us")).build()) {
      assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:8080/");
    }
    try (AgpClient client = AgpClient.builder().fromEnv(Map.of("H_API_KEY", KEY, "AGP_REGION", " US ")).build()) {
      assertThat(client.baseUrl()).isEqualTo("https://agp.hcompany.ai/");
    }
    try (AgpClient client = AgpClient.builder().fromEnv(Map.of("H_API_KEY", KEY, "AGP_BASE_URL", " ")).build()) {
      assertThat(client.baseUrl()).isEqualTo("https://agp.eu.hcompany.ai/");
    }
  }

  @Test
  void settersCalledAfterFromEnvWin() {
    try (AgpClient client = AgpClient.builder().fromEnv(Map.of("H_API_KEY", KEY, "AGP_BASE_URL", "http://localhost:1"))
        .baseUrl("http://localhost:2").region(Region.US).build()) {
      assertThat(client.baseUrl()).isEqualTo("http://localhost:2/");
    }
  }

  @Test
  void aRegionChosenInCodeBeatsABaseUrlFromTheEnvironmentButNotOneSetInCode() {
    try (AgpClient client = AgpClient.builder().fromEnv(Map.of("H_API_KEY", KEY, "AGP_BASE_URL", "http://localhost:1"))
        .region(Region.US).build()) {
      assertThat(client.baseUrl()).isEqualTo("https://agp.hcompany.ai/");
    }
    try (AgpClient client = AgpClient.builder().apiKey(KEY).baseUrl("http://localhost:2").region(Region.US).build()) {
      assertThat(client.baseUrl()).isEqualTo("http://localhost:2/");
    }
  }

  @Test
  void fromEnvOfAMapReadsThatMapOnlyNeverTheProcesssKey() {
    // The process's environment (simulated) has a key; the given map has none.
    assertThatThrownBy(() -> withEnvironment(Map.of("H_API_KEY", KEY)).fromEnv(Map.of()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No API key");
  }

  @Test
  void aBadValueFromTheEnvironmentIsNamedByItsVariable() {
    assertThatThrownBy(() -> AgpClient.builder().fromEnv(Map.of("AGP_REGION", "asia")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("AGP_REGION must be eu or us, but was \"asia\"");
    assertThatThrownBy(() -> AgpClient.builder().fromEnv(Map.of("H_API_KEY", KEY, "AGP_BASE_URL", "not a url")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AGP_BASE_URL: Malformed base URL");
    assertThatThrownBy(() -> AgpClient.builder().fromEnv(Map.of("HAI_API_KEY", "abc\rdef")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("The API key from HAI_API_KEY is malformed")
        .hasMessageNotContaining("abc");
  }

  @Test
  void aKeyFromTheEnvironmentLosesTheNewlineAFileLeftAroundIt() {
    // echo "$KEY" > .env; export H_API_KEY=$(cat .env) keeps no newline, but many loaders do: CRLF files.
    try (AgpClient client = AgpClient.builder().fromEnv(Map.of("H_API_KEY", KEY + "\r\n")).build()) {
      assertThat(client).isNotNull();
    }
    try (AgpClient client = withEnvironment(Map.of("HAI_API_KEY", " " + KEY + "\n")).build()) {
      assertThat(client).isNotNull();
    }
    assertThatThrownBy(() -> AgpClient.builder().apiKey(KEY + "\n").build())
        .as("a key given in code is taken as given").hasMessageContaining("malformed");
  }

  @Test
  void aMalformedKeyIsRejectedWithoutShowingIt() {
    String bad = "sk-secret\nvalue";
    assertThatThrownBy(() -> withEnvironment(Map.of()).apiKey(bad).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed")
        .hasMessageContaining("index 9")
        .hasMessageNotContaining("sk-secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a url", "agp.eu.hcompany.ai", "ftp://agp.eu.hcompany.ai", "https://", ""})
  void malformedBaseUrlsAreRejected(String url) {
    assertThatThrownBy(() -> AgpClient.builder().apiKey(KEY).baseUrl(url).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Malformed base URL")
        .hasMessageContaining("https://");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://agp.eu.hcompany.ai", "http://10.0.0.5:8080", "http://example.localhost.evil.com"})
  void clearTextHttpToARemoteHostIsRejected(String url) {
    assertThatThrownBy(() -> AgpClient.builder().apiKey(KEY).baseUrl(url).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clear text")
        .hasMessageContaining("loopback")
        .hasMessageNotContaining(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080", "http://127.0.0.1:9", "http://[::1]:1234/", "https://proxy.example.com/agp"})
  void loopbackHttpAndAnyHttpsAreAccepted(String url) {
    try (AgpClient client = AgpClient.builder().apiKey(KEY).baseUrl(url).build()) {
      assertThat(client.baseUrl()).endsWith("/");
    }
  }

  @Test
  void aBaseUrlPathKeepsItsPrefixWithATrailingSlash() {
    try (AgpClient client = AgpClient.builder().apiKey(KEY).baseUrl("https://proxy.example.com/agp").build()) {
      assertThat(client.baseUrl()).isEqualTo("https://proxy.example.com/agp/");
    }
  }

  @Test
  void credentialsInTheBaseUrlAreRejected() {
    assertThatThrownBy(() -> AgpClient.builder().apiKey(KEY).baseUrl("https://user:pw@agp.eu.hcompany.ai").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("credentials")
        .hasMessageNotContaining("pw");
  }

  @Test
  void regionsSelectTheirBaseUrlAndAnExplicitUrlWins() {
    try (AgpClient us = AgpClient.builder().apiKey(KEY).region(Region.US).build();
        AgpClient explicit = AgpClient.builder().apiKey(KEY).region(Region.US).baseUrl("https://x.example").build()) {
      assertThat(us.baseUrl()).isEqualTo("https://agp.hcompany.ai/");
      assertThat(explicit.baseUrl()).isEqualTo("https://x.example/");
    }
  }

  @Test
  void toStringNeverShowsTheKey() {
    try (AgpClient client = AgpClient.builder().apiKey(KEY).build()) {
      assertThat(client.toString()).doesNotContain(KEY).contains("agp.eu.hcompany.ai");
      assertThat(new ClientHeadersInterceptor(KEY, okhttp3.Headers.of()).toString()).doesNotContain(KEY);
    }
  }

  @Test
  void sdkHeadersCannotBeOverridden() {
    assertThatThrownBy(() -> AgpClient.builder().header("Authorization", "Bearer x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiKey(");
    assertThatThrownBy(() -> AgpClient.builder().header("user-agent", "me"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AgpClient.builder().header("X-Bad", "line\nbreak"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Bad");
  }

  @Test
  void invalidSettingsAreRejectedAtOnce() {
    assertThatThrownBy(() -> AgpClient.builder().maxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or more");
    assertThatThrownBy(() -> AgpClient.builder().readTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed");
  }

  @Test
  void maxRetriesKeepsTheRestOfThePolicy() {
    RetryPolicy custom = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(5)).build();
    try (AgpClient client = AgpClient.builder().apiKey(KEY).retryPolicy(custom).maxRetries(0).build()) {
      assertThat(client.retryPolicy().maxRetries()).isZero();
      assertThat(client.retryPolicy().maxRetryAfter()).isEqualTo(Duration.ofSeconds(5));
    }
  }
}
