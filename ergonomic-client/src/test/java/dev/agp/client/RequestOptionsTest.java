package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value type itself: what it keeps, what it refuses, and what it never shows. */
class RequestOptionsTest {

  private static final String SECRET = "gw-secret-9f8e7d6c";

  @Test
  void noneSetsNothing() {
    assertThat(RequestOptions.none().timeout()).isEmpty();
    assertThat(RequestOptions.none().maxRetries()).isEmpty();
    assertThat(RequestOptions.none().headers()).isEmpty();
    assertThat(RequestOptions.none()).isEqualTo(RequestOptions.builder().build()).hasToString("RequestOptions{}");
  }

  @Test
  void keepsWhatIsSetAndHeadersInOrderWithALaterNameReplacingAnEarlierOneIgnoringCase() {
    Map<String, String> more = new LinkedHashMap<>();
    more.put("X-B", "2");
    more.put("x-a", "3");
    RequestOptions options = RequestOptions.builder().timeout(Duration.ofSeconds(5)).maxRetries(0)
        .header("X-A", "1").headers(more).build();

    assertThat(options.timeout()).contains(Duration.ofSeconds(5));
    assertThat(options.maxRetries()).hasValue(0);
    assertThat(options.headers()).containsExactly(Map.entry("X-B", "2"), Map.entry("x-a", "3"));
    assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    assertThat(options.toBuilder().maxRetries(1).build()).isNotEqualTo(options);
    assertThat(options.toBuilder().header("X-B", "other").build()).isNotEqualTo(options);
    assertThatThrownBy(() -> options.headers().put("X-C", "4")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringNamesHeadersButNeverShowsTheirValues() {
    RequestOptions options = RequestOptions.builder().timeout(Duration.ofMillis(1500)).maxRetries(3)
        .header("X-Gateway-Token", SECRET).build();

    assertThat(options).hasToString("RequestOptions{timeout=PT1.5S, maxRetries=3, headers=[X-Gateway-Token]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Authorization", "authorization", "User-Agent", "HOST", "Connection", "Content-Length",
      "content-type", "Transfer-Encoding", "Accept-Encoding"})
  void headersTheSdkOrTheTransportSetAreRefusedSayingWhichAreAllowed(String name) {
    assertThatThrownBy(() -> RequestOptions.builder().header(name, SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The " + name + " header cannot be set")
        .hasMessageContaining("Authorization, User-Agent, Host, Connection, Content-Length, Content-Type, Transfer-Encoding,"
            + " Accept-Encoding")
        .message().doesNotContain(SECRET);
    // The client's default headers follow the same rule.
    assertThatThrownBy(() -> AgpClient.builder().header(name, SECRET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be set");
  }

  @Test
  void authorizationIsRefusedPointingAtTheKeySetting() {
    assertThatThrownBy(() -> RequestOptions.builder().header("Authorization", "Bearer " + SECRET))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AgpClient.Builder.apiKey(")
        .message().doesNotContain(SECRET);
    assertThatThrownBy(() -> RequestOptions.builder().headers(Map.of("AUTHORIZATION", SECRET)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidNamesAndValuesAreRefusedWithoutShowingTheValue() {
    assertThatThrownBy(() -> RequestOptions.builder().header("X-Token", SECRET + "\r\nX-Injected: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid value for header X-Token: a value is printable ASCII or tabs, without line breaks or"
            + " other control characters")
        .hasNoCause();
    assertThatThrownBy(() -> RequestOptions.builder().header("X Token", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid header name \"X Token\": a name is a non-empty token of letters, digits and !#$%&'*+-.^_`|~ (no spaces, ':' or other delimiters)");
    assertThatThrownBy(() -> RequestOptions.builder().header("X-\n", "v"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Invalid header name \"X-\\u000a\"");
    assertThatThrownBy(() -> RequestOptions.builder().header("", "v")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().header("X-A", null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void timeoutAndRetriesAreCheckedAsTheClientBuilderChecksThem() {
    assertThatThrownBy(() -> RequestOptions.builder().maxRetries(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRetries must be 0 or more (0 disables retries), but was -1");
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero (no timeout) or from 1 ms to");
    // A sub-millisecond timeout would round to zero, which is none; a huge one would overflow milliseconds.
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ofNanos(999_999)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RequestOptions.builder().timeout(Duration.ofSeconds(Long.MAX_VALUE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RequestOptions.builder().timeout(Duration.ofMillis(1)).build().timeout()).contains(Duration.ofMillis(1));
    assertThat(RequestOptions.builder().timeout(Duration.ofMillis(Integer.MAX_VALUE)).build().timeout()).isPresent();
    assertThat(RequestOptions.builder().timeout(Duration.ZERO).build().timeout()).contains(Duration.ZERO);
  }
}
