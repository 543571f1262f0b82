package dev.agp.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Settings for one call, given as the last argument of any call of {@link SessionService} or
 * {@link RawSessionService}: a timeout for each attempt, a number of retries, and extra headers. What is not
 * set here is the client's. A walk ({@link SessionService#listAll}, {@link SessionService#children},
 * the trees) applies them to every request it makes. Immutable and thread-safe; build one with
 * {@link #builder()}.
 *
 * <pre>{@code
 * RequestOptions options = RequestOptions.builder()
 *     .timeout(Duration.ofSeconds(5))   // each attempt, instead of the client's call timeout
 *     .maxRetries(0)                     // instead of the client's retry policy's
 *     .header("X-Trace-Id", traceId)
 *     .build();
 * Session session = client.sessions().retrieve(id, options);
 * }</pre>
 *
 * <p>Headers the SDK or the HTTP client set themselves are refused (see {@link Builder#header}); a header
 * given here replaces one of the same name set by {@link AgpClient.Builder#header}. {@link #toString()}
 * names the headers but never shows their values, and logs show them redacted, since they may carry
 * credentials.
 */
public final class RequestOptions {

  private static final RequestOptions NONE = builder().build();

  private final @Nullable Duration timeout;
  private final @Nullable Integer maxRetries;
  /** Unmodifiable, in the order set; names as given, unique ignoring case. */
  private final Map<String, String> headers;

  private RequestOptions(Builder builder) {
    this.timeout = builder.timeout;
    this.maxRetries = builder.maxRetries;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  /** @return options that change nothing: the client's settings apply */
  public static RequestOptions none() {
    return NONE;
  }

  /** @return a new, empty builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these options, to derive a changed copy */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.timeout = timeout;
    builder.maxRetries = maxRetries;
    builder.headers.putAll(headers);
    return builder;
  }

  /**
   * @return the timeout of each whole attempt (connecting, sending, waiting and reading the body), if set;
   *     {@link Duration#ZERO} means none
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** @return how many times a failed request is retried, if set */
  public OptionalInt maxRetries() {
    return maxRetries == null ? OptionalInt.empty() : OptionalInt.of(maxRetries);
  }

  /** @return the extra headers, in the order set, unmodifiable; empty when none */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RequestOptions other && Objects.equals(timeout, other.timeout)
        && Objects.equals(maxRetries, other.maxRetries) && lowerCaseNames(headers).equals(lowerCaseNames(other.headers));
  }

  @Override
  public int hashCode() {
    return Objects.hash(timeout, maxRetries, lowerCaseNames(headers));
  }

  /** Header names compare as HTTP compares them: without case. */
  private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
    Map<String, String> lower = new java.util.HashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    return lower;
  }

  /**
   * @return what is set, with the headers' names only, never their values:
   *     {@code RequestOptions{timeout=PT5S, maxRetries=0, headers=[X-Trace-Id]}}
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("RequestOptions{");
    String separator = "";
    if (timeout != null) {
      s.append("timeout=").append(timeout);
      separator = ", ";
    }
    if (maxRetries != null) {
      s.append(separator).append("maxRetries=").append(maxRetries);
      separator = ", ";
    }
    if (!headers.isEmpty()) {
      s.append(separator).append("headers=").append(headers.keySet());
    }
    return s.append('}').toString();
  }

  /**
   * The headers no caller may set, with a client's {@link AgpClient.Builder#header} or with
   * {@link Builder#header}: the SDK's own ({@code Authorization} carries the key, {@code User-Agent} names the
   * SDK), those OkHttp sets for the transport, whose replacement would break the connection's framing or
   * its transparent decompression (and with it the body limit), or send the request to another host, and
   * {@code Content-Type}, which Retrofit derives from a request's body (these requests have none) and would
   * fail on, quoting the value, if it were not a media type.
   */
  private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  private static final List<String> RESERVED_HEADER_NAMES = List.of("Authorization", "User-Agent", "Host", "Connection",
      "Content-Length", "Content-Type", "Transfer-Encoding", "Accept-Encoding");
  static final Set<String> RESERVED_HEADERS = caseInsensitive(RESERVED_HEADER_NAMES);

  /**
   * Checks a header a caller adds, as {@link Builder#header} documents.
   *
   * @throws IllegalArgumentException for a reserved name, or a name or value HTTP does not allow; the message
   *     never shows the value
   */
  static void checkHeader(String name, String value) {
    Objects.requireNonNull(name, "header name");
    Objects.requireNonNull(value, "value of header " + name);
    if (RESERVED_HEADERS.contains(name)) {
      throw new IllegalArgumentException("The " + name + " header cannot be set: "
          + (name.toLowerCase(Locale.ROOT).equals("authorization") ? "it carries the key, set with AgpClient.Builder.apiKey(...); "
              : "")
          + "the SDK and its HTTP client set " + String.join(", ", RESERVED_HEADER_NAMES)
          + " themselves; any other header may be added");
    }
    // HTTP's token rule (RFC 9110), stricter than OkHttp's: a ':' would smuggle a second header
    // ("Authorization:Bearer" sends "Authorization: Bearer: ..."), and other delimiters have no place either.
    if (!TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid header name " + describeName(name)
          + ": a name is a non-empty token of letters, digits and !#$%&'*+-.^_`|~ (no spaces, ':' or other delimiters)");
    }
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException("Invalid value for header " + name
          + ": it starts or ends with whitespace, which HTTP drops; strip it first");
    }
    try {
      new Headers.Builder().add(name, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid value for header " + name
          + ": a value is printable ASCII or tabs, without line breaks or other control characters");
    }
  }

  private static Set<String> caseInsensitive(List<String> names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(names);
    return Collections.unmodifiableSet(set);
  }

  /** The name as a message may show it: a name that is not a token is shown escaped. */
  private static String describeName(String name) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : name.toCharArray()) {
      s.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return s.append('"').toString();
  }

  /** Builds {@link RequestOptions}. Not thread-safe; what it builds is. */
  public static final class Builder {
    private @Nullable Duration timeout;
    private @Nullable Integer maxRetries;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the timeout of each attempt of this call, from connecting to the last byte of the body, instead of
     * the client's {@link AgpClient.Builder#callTimeout} (default 60 s). A retry starts a new attempt with the
     * whole timeout again. The client's connect and read timeouts still apply within it.
     *
     * @param timeout zero for none, or from 1 ms to {@value Integer#MAX_VALUE} ms (about 24 days), the
     *     bounds OkHttp sets to a client's timeouts
     * @return this builder
     * @throws IllegalArgumentException if negative, or positive and outside those bounds
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      // Compared, not converted: toMillis() would overflow on the largest durations, and round a positive
      // sub-millisecond one down to zero, which means no timeout at all.
      if (timeout.isNegative() || (!timeout.isZero()
          && (timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0))) {
        throw new IllegalArgumentException("timeout must be zero (no timeout) or from 1 ms to " + Integer.MAX_VALUE
            + " ms, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets how many times this call's request is retried, instead of the client's
     * {@link RetryPolicy#maxRetries()}; the rest of the policy (which failures, how long to wait) is kept.
     *
     * @param maxRetries 0 or more; 0 makes exactly one attempt
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetries(int maxRetries) {
      // The client builder's rule, checked by the same code.
      RetryPolicy.builder().maxRetries(maxRetries);
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Adds a header to every request of this call (and every retry), replacing one set earlier here under the
     * same name (ignoring case) and one the client adds for every request ({@link AgpClient.Builder#header}).
     * Refused: {@code Authorization} (the key is the client's, {@link AgpClient.Builder#apiKey}),
     * {@code User-Agent}, and the transport's {@code Host}, {@code Connection}, {@code Content-Length},
     * {@code Content-Type}, {@code Transfer-Encoding} and {@code Accept-Encoding}.
     *
     * @param name the header name: printable ASCII, without spaces
     * @param value the value: printable ASCII or tabs
     * @return this builder
     * @throws IllegalArgumentException for a refused name, or a name or value HTTP does not allow; the message
     *     names the header, never the value
     */
    public Builder header(String name, String value) {
      checkHeader(name, value);
      headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
      headers.put(name, value);
      return this;
    }

    /**
     * Adds headers, as {@link #header(String, String)} adds each.
     *
     * @param headers names and values
     * @return this builder
     * @throws IllegalArgumentException as {@link #header(String, String)}
     */
    public Builder headers(Map<String, String> headers) {
      Objects.requireNonNull(headers, "headers");
      headers.forEach(this::header);
      return this;
    }

    /** @return the options */
    public RequestOptions build() {
      return new RequestOptions(this);
    }
  }
}
