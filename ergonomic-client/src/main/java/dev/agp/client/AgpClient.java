package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.api.SessionsApi;
import dev.agp.generated.runtime.AgpMoshi;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.Dispatcher;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * The entry point of the SDK: an immutable, thread-safe client for the AgP sessions API. Build one, share
 * it, and close it when done.
 *
 * <pre>{@code
 * try (AgpClient client = AgpClient.builder().build()) {   // key from H_API_KEY (or HAI_API_KEY), region EU
 *   SessionPage page = client.sessions().list(ListSessionsParams.builder().size(5).build());
 * }
 * }</pre>
 *
 * <p>Every request carries {@code Authorization: Bearer <key>} and
 * {@code User-Agent: agp-java/<version> (Java <version>)}. The key never appears in logs, exception
 * messages or any {@code toString()}.
 */
public final class AgpClient implements AutoCloseable {

  /** The environment variable read for the API key first. */
  public static final String API_KEY_ENV = "H_API_KEY";
  /** The environment variable read for the API key when {@value #API_KEY_ENV} is unset. */
  public static final String API_KEY_FALLBACK_ENV = "HAI_API_KEY";
  /** The environment variable {@link Builder#fromEnv()} reads for the base URL. */
  public static final String BASE_URL_ENV = "AGP_BASE_URL";
  /** The environment variable {@link Builder#fromEnv()} reads for the region: {@code eu} or {@code us}. */
  public static final String REGION_ENV = "AGP_REGION";

  /** How many requests a client that built its own OkHttpClient runs at once, per host and in all. */
  static final int MAX_CONCURRENT_REQUESTS = 64;

  private final HttpUrl baseUrl;
  private final OkHttpClient http;
  private final boolean ownsHttpClient;
  private final RetryPolicy retryPolicy;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The callback executor this client created, shut down on close; null when the caller supplied one. */
  private final @Nullable ExecutorService ownCallbackExecutor;
  private final RetryingCallAdapterFactory calls;
  private final SessionService sessions;

  private AgpClient(Builder builder, String apiKey, HttpUrl baseUrl) {
    this.baseUrl = baseUrl;
    this.retryPolicy = builder.retryPolicy;
    this.ownsHttpClient = builder.httpClient == null;
    OkHttpClient.Builder http;
    if (ownsHttpClient) {
      // OkHttp allows 5 concurrent requests per host by default; pagination and tree walks may ask for more.
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(MAX_CONCURRENT_REQUESTS);
      dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_REQUESTS);
      http = new OkHttpClient.Builder().dispatcher(dispatcher);
      if (!baseUrl.isHttps()) {
        // A loopback http base URL (a sandbox, a local proxy) never needs TLS: without a TLS connection
        // spec OkHttp skips loading the platform's trust store, a tenth of a second of every cold start.
        http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
      }
    } else {
      http = builder.httpClient.newBuilder();
    }
    if (ownsHttpClient || builder.connectTimeout != null) {
      http.connectTimeout(millis(builder.connectTimeout, Builder.DEFAULT_CONNECT_TIMEOUT), TimeUnit.MILLISECONDS);
    }
    if (ownsHttpClient || builder.readTimeout != null) {
      http.readTimeout(millis(builder.readTimeout, Builder.DEFAULT_READ_TIMEOUT), TimeUnit.MILLISECONDS);
    }
    if (ownsHttpClient || builder.callTimeout != null) {
      http.callTimeout(millis(builder.callTimeout, Builder.DEFAULT_CALL_TIMEOUT), TimeUnit.MILLISECONDS);
    }
    // The retry policy is the only source of retries: OkHttp's own silent retries (of 408s and failed
    // connections) would make retry counts and waits unpredictable.
    http.retryOnConnectionFailure(false);
    http.addInterceptor(new ClientHeadersInterceptor(apiKey, builder.headers.build()));
    Consumer<String> log = builder.logLevel == LogLevel.NONE ? null : builder.logger;
    if (log != null) {
      http.addInterceptor(new LoggingInterceptor(builder.logLevel, log));
    }
    http.addInterceptor(new BodyLimits(builder.maxResponseBodyBytes));
    boolean clearTextOnly = ownsHttpClient
        ? !baseUrl.isHttps()
        : builder.httpClient.connectionSpecs().stream().noneMatch(ConnectionSpec::isTls);
    http.addNetworkInterceptor(new RedirectGuard(log, clearTextOnly));
    http.addNetworkInterceptor(new HiddenRetryGuard());
    this.http = http.build();
    this.ownCallbackExecutor = builder.callbackExecutor == null ? CallbackThreads.newExecutor() : null;
    Executor callbackExecutor = builder.callbackExecutor != null ? builder.callbackExecutor : ownCallbackExecutor;
    this.calls = new RetryingCallAdapterFactory(retryPolicy, builder.sleeper, builder.clock,
        () -> ThreadLocalRandom.current().nextDouble(), closed::get, this.http, callbackExecutor);
    // Retrofit as Retrofit: the call adapter owns attempts, the converters decode (Moshi, behind the checks).
    Retrofit retrofit = new Retrofit.Builder()
        .baseUrl(baseUrl)
        .client(this.http)
        .addCallAdapterFactory(calls)
        .addConverterFactory(new DecodingConverterFactory(RawSessionService.CONTRACT_CHECKS))
        .addConverterFactory(MoshiConverterFactory.create(AgpMoshi.get()))
        .build();
    this.sessions = new SessionService(new RawSessionService(retrofit.create(SessionsApi.class)), builder.sleeper,
        builder.clock);
  }

  private static long millis(@Nullable Duration value, Duration fallback) {
    return (value == null ? fallback : value).toMillis();
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from the environment, as {@code agp} is: {@link Builder#fromEnv()}, then built.
   *
   * @return the client
   * @throws IllegalArgumentException when no key is set, or a variable's value is malformed (the message
   *     names the variable)
   */
  public static AgpClient fromEnv() {
    return builder().fromEnv().build();
  }

  /** @return the sessions API */
  public SessionService sessions() {
    return sessions;
  }

  /** @return the base URL requests go to, with a trailing slash */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /** @return the retry policy */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * Releases what this client created: when it built its own {@link OkHttpClient}, its threads and idle
   * connections, and its callback threads; a caller-supplied {@code OkHttpClient} or callback executor
   * stays untouched. Calls still in flight, or waiting to retry, fail at once with an
   * {@link IllegalStateException}, and so do the walks that made them. Later calls fail with an
   * {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Calls in flight or waiting to retry fail now, with the client's own or a caller-supplied OkHttpClient.
    calls.closeAll();
    if (ownsHttpClient) {
      http.dispatcher().cancelAll();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    if (ownCallbackExecutor != null) {
      // Callbacks already handed over still run; later completions run on the completing thread.
      ownCallbackExecutor.shutdown();
    }
  }

  /** Never shows the API key. */
  @Override
  public String toString() {
    return "AgpClient{baseUrl=" + baseUrl + ", maxRetries=" + retryPolicy.maxRetries() + (closed.get() ? ", closed" : "") + "}";
  }

  /** Builds an {@link AgpClient}. Not thread-safe; the client it builds is. */
  public static final class Builder {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    private @Nullable String apiKey;
    private Region region = Region.EU;
    private @Nullable String baseUrl;
    private @Nullable OkHttpClient httpClient;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration readTimeout;
    private @Nullable Duration callTimeout;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private final Headers.Builder headers = new Headers.Builder();
    private LogLevel logLevel = LogLevel.NONE;
    private long maxResponseBodyBytes = BodyLimits.DEFAULT_MAX_BODY_BYTES;
    private @Nullable Executor callbackExecutor;
    private Consumer<String> logger = Builder::logToSystemLogger;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Function<String, @Nullable String> environment = System::getenv;
    /** Where the base URL came from, for messages: the setter, or an environment variable. */
    private String baseUrlSource = "baseUrl(...)";

    private Builder() {}

    /**
     * Reads the configuration from the process's environment: the key from {@value AgpClient#API_KEY_ENV},
     * else {@value AgpClient#API_KEY_FALLBACK_ENV}; the base URL from {@value AgpClient#BASE_URL_ENV}; the
     * region from {@value AgpClient#REGION_ENV} ({@code eu} or {@code us}). A variable that is unset or
     * blank is ignored. Setters called afterwards win.
     *
     * @return this builder
     * @throws IllegalArgumentException when {@value AgpClient#REGION_ENV} is neither {@code eu} nor
     *     {@code us}
     */
    public Builder fromEnv() {
      return fromEnv(System.getenv());
    }

    /**
     * Reads the configuration from the given variables only, as {@link #fromEnv()} reads the process's.
     *
     * @param environment the variables, by name
     * @return this builder
     * @throws IllegalArgumentException when {@value AgpClient#REGION_ENV} is neither {@code eu} nor
     *     {@code us}
     */
    public Builder fromEnv(Map<String, String> environment) {
      Objects.requireNonNull(environment, "environment");
      // These variables only: build() must not fall back to the process's key when the map has none.
      Map<String, String> variables = Map.copyOf(environment);
      this.environment = variables::get;
      // The key is read from them by build(), as when apiKey(...) is not called.
      String url = set(environment, BASE_URL_ENV);
      if (url != null) {
        baseUrl = url;
        baseUrlSource = BASE_URL_ENV;
      }
      String regionName = set(environment, REGION_ENV);
      if (regionName != null) {
        region = Region.of(regionName).orElseThrow(() -> new IllegalArgumentException(
            REGION_ENV + " must be eu or us, but was \"" + regionName + "\""));
      }
      return this;
    }

    /** @return the variable's value, or null when it is unset or blank */
    private static @Nullable String set(Map<String, String> environment, String name) {
      return stripped(environment.get(name));
    }

    /**
     * @return a variable's value without surrounding whitespace (a .env file's trailing newline or carriage
     *     return), or null when it is unset or blank
     */
    private static @Nullable String stripped(@Nullable String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Sets the API key. When not set, {@link #build()} reads {@value AgpClient#API_KEY_ENV}, then
     * {@value AgpClient#API_KEY_FALLBACK_ENV}.
     *
     * @param apiKey the key; never blank
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * Sets the region (default {@link Region#EU}). Ignored when {@link #baseUrl(String)} is set; replaces a
     * base URL read by {@link #fromEnv()} from {@value AgpClient#BASE_URL_ENV}.
     *
     * @param region the region
     * @return this builder
     */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      if (BASE_URL_ENV.equals(baseUrlSource)) {
        // A region chosen in code beats a base URL read from the environment, as a flag beats a variable.
        baseUrl = null;
        baseUrlSource = "baseUrl(...)";
      }
      return this;
    }

    /**
     * Sets an explicit base URL instead of a region, for example a proxy or the sandbox. It must be
     * {@code https://}, or {@code http://} to a loopback host ({@code localhost}, {@code 127.0.0.1},
     * {@code ::1}): keys never travel in clear text.
     *
     * @param baseUrl an absolute URL
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.baseUrlSource = "baseUrl(...)";
      return this;
    }

    /**
     * Shares a caller's {@link OkHttpClient} (its connection pool and dispatcher). The SDK derives its own
     * client from it with {@link OkHttpClient#newBuilder()}, and {@link AgpClient#close()} leaves it open.
     * Its timeouts are kept unless set here, and so are its dispatcher's limits: OkHttp runs at most 5
     * requests per host by default, which caps pagination and tree walks with a higher concurrency.
     *
     * @param httpClient the client to share
     * @return this builder
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets the connect timeout of each attempt (default 10 s).
     *
     * @param timeout zero for none, or positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the read timeout of each attempt (default 30 s).
     *
     * @param timeout zero for none, or positive
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the timeout of each whole attempt, from connecting to reading the last byte (default 60 s).
     *
     * @param timeout zero for none, or positive
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = timeout(timeout, "callTimeout");
      return this;
    }

    /**
     * Sets where the futures of asynchronous calls and walks complete, and so where their callbacks
     * ({@code thenApply}, {@code forEachAsync}'s consumer, ...) run. By default the client uses its own
     * daemon threads ({@code agp-callback-N}, created as needed, stopped by {@link AgpClient#close()}), never
     * OkHttp's: OkHttp counts a call as running until its callback returns, so a callback that blocks (for
     * example a blocking call inside {@code forEachAsync}) would hold a dispatcher slot while it waits for
     * another, and could starve the dispatcher. A supplied executor is not shut down by the client; it must
     * not run tasks on the calling thread if callbacks may block.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Sets the largest successful response body the client reads, counted after decompression (default
     * 16 MiB). A full page of 100 sessions is about 100 KiB, so the default leaves two orders of magnitude
     * of room while keeping a broken or hostile server from exhausting the heap. A larger body fails with an
     * {@link dev.agp.client.errors.AgpDecodingException} that names the limit, and is not retried. Error
     * bodies are always cut at 64 KiB.
     *
     * @param bytes the limit, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public Builder maxResponseBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxResponseBodyBytes must be at least 1, but was " + bytes);
      }
      this.maxResponseBodyBytes = bytes;
      return this;
    }

    /**
     * Sets how many times a failed request is retried (default 2; 0 disables retries), keeping the rest
     * of the retry policy.
     *
     * @param maxRetries 0 or more
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.retryPolicy = retryPolicy.toBuilder().maxRetries(maxRetries).build();
      return this;
    }

    /**
     * Sets the whole retry policy.
     *
     * @param retryPolicy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Adds a header to every request; a call's {@link RequestOptions.Builder#header} replaces it for that
     * call. Refused, as for {@link RequestOptions}: {@code Authorization} (use {@link #apiKey}),
     * {@code User-Agent}, and the transport's {@code Host}, {@code Connection}, {@code Content-Length},
     * {@code Content-Type}, {@code Transfer-Encoding} and {@code Accept-Encoding}. Logs show its value
     * redacted.
     *
     * @param name the header name: printable ASCII, without spaces
     * @param value the header value: printable ASCII or tabs
     * @return this builder
     * @throws IllegalArgumentException for a refused name, or a name or value HTTP does not allow; the
     *     message names the header, never the value
     */
    public Builder header(String name, String value) {
      RequestOptions.checkHeader(name, value);
      headers.set(name, value);
      return this;
    }

    /**
     * Sets how much HTTP traffic is logged (default {@link LogLevel#NONE}).
     *
     * @param level the level
     * @return this builder
     */
    public Builder logLevel(LogLevel level) {
      this.logLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Sets where log lines go (default: the {@link System.Logger} named {@code dev.agp.client}, at INFO).
     *
     * @param logger receives one line per call
     * @return this builder
     */
    public Builder logger(Consumer<String> logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * Sets the clock that {@code Retry-After} dates are measured against (default: the system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets what waits between retries (default {@link Sleeper#system()}); tests inject one that does not
     * really sleep.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Replaces the environment lookup, for tests of the key fallback. */
    Builder environment(Function<String, @Nullable String> environment) {
      this.environment = environment;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalArgumentException when no key is set or found in the environment, the key is
     *     malformed, or the base URL is malformed or {@code http://} to a host that is not loopback
     */
    public AgpClient build() {
      return new AgpClient(this, resolveApiKey(), resolveBaseUrl());
    }

    private String resolveApiKey() {
      String key = apiKey;
      String source = "apiKey(...)";
      if (key == null) {
        // Blank counts as unset, and surrounding whitespace is dropped, as in fromEnv() and agp.
        key = stripped(environment.apply(API_KEY_ENV));
        source = API_KEY_ENV;
        if (key == null) {
          key = stripped(environment.apply(API_KEY_FALLBACK_ENV));
          source = API_KEY_FALLBACK_ENV;
        }
      }
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("No API key: pass one to AgpClient.builder().apiKey(...), or set the "
            + API_KEY_ENV + " (or " + API_KEY_FALLBACK_ENV + ") environment variable");
      }
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (c <= ' ' || c >= 0x7f) {
          // Say where, never what: the message must not carry the key.
          throw new IllegalArgumentException("The API key from " + source + " is malformed: it contains a space, "
              + "control or non-ASCII character at index " + i + "; a key is printable ASCII without spaces");
        }
      }
      return key;
    }

    private HttpUrl resolveBaseUrl() {
      if (baseUrl == null) {
        return HttpUrl.get(region.baseUrl());
      }
      try {
        return BaseUrls.parse(baseUrl);
      } catch (IllegalArgumentException e) {
        throw baseUrlSource.equals(BASE_URL_ENV)
            ? new IllegalArgumentException(BASE_URL_ENV + ": " + e.getMessage(), e) : e;
      }
    }

    private static Duration timeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(name + " must be zero (no timeout) or positive, but was " + timeout);
      }
      return timeout;
    }

    private static void logToSystemLogger(String line) {
      System.getLogger("dev.agp.client").log(System.Logger.Level.INFO, line);
    }
  }
}
