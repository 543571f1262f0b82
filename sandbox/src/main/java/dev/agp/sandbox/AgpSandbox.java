package dev.agp.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import mockwebserver3.MockWebServer;
import org.jspecify.annotations.Nullable;

/**
 * An in-process stand-in for the AgP sessions API, for tests and demos (as stripe-mock is for Stripe).
 * It serves {@code GET /api/v2/sessions} (every filter, both sorts, pagination with {@code total}),
 * {@code GET /api/v2/sessions/{id}} and {@code GET /api/v2/sessions/{id}/status} from a deterministic data
 * set, validates requests as strictly as the real server, injects faults on demand, and records what it
 * received.
 *
 * <pre>{@code
 * try (AgpSandbox sandbox = AgpSandbox.start();
 *      AgpClient client = AgpClient.builder().baseUrl(sandbox.baseUrl()).apiKey(sandbox.apiKey()).build()) {
 *   sandbox.faults().failNext(1, 503);
 *   SessionPage page = client.sessions().list(ListSessionsParams.none());   // retried, then answered
 * }
 * }</pre>
 *
 * <p>The live server's cap on {@code size} (100) is enforced: larger sizes answer 422, as they do there.
 */
public final class AgpSandbox implements AutoCloseable {

  /**
   * The header on a response whose body a fault broke on purpose: malformed, truncated, or a listing that
   * breaks the contract ({@link SandboxFaults#repeatPages()}, {@link SandboxFaults#repeatIdsWithinPages()},
   * {@link SandboxFaults#negativeTotalFromPage(int)}).
   */
  public static final String BROKEN_BODY_HEADER = "X-Sandbox-Broken-Body";

  /** The ids of the live manager trees of a sandbox built with {@link Builder#live(Duration)}. */
  public static final List<String> LIVE_MANAGER_IDS = LiveSessions.MANAGER_IDS;

  /** The key the sandbox accepts unless another is configured. */
  public static final String DEFAULT_API_KEY = "sandbox-key";

  private final MockWebServer server;
  private final SandboxDispatcher dispatcher;
  private final SandboxData data;
  private final SandboxFaults faults;
  private final String apiKey;

  private AgpSandbox(Builder builder) {
    this.apiKey = builder.apiKey;
    this.data = builder.empty ? new SandboxData(builder.seed, builder.newest) : SandboxData.seeded(builder.seed, builder.newest);
    this.faults = new SandboxFaults();
    LiveSessions live = builder.liveSpan == null ? null : new LiveSessions(builder.seed, builder.clock, builder.liveSpan);
    this.dispatcher = new SandboxDispatcher(apiKey, data, faults, live);
    this.server = new MockWebServer();
    server.setDispatcher(dispatcher);
    server.setServerSocketFactory(new NoDelayServerSockets());
    try {
      server.start(InetAddress.getLoopbackAddress(), builder.port);
    } catch (IOException e) {
      // The cause's own words (Address already in use) belong in the message a person reads first.
      throw new UncheckedIOException("Could not start the sandbox on port " + builder.port + ": " + e.getMessage(), e);
    }
  }

  /** @return a running sandbox with the default data set, on a free loopback port */
  public static AgpSandbox start() {
    return builder().start();
  }

  /** @return a builder for a sandbox with another port, key or data set */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the base URL to point a client at, with a trailing slash */
  public String baseUrl() {
    return server.url("/").toString();
  }

  /** @return the port the sandbox listens on */
  public int port() {
    return server.getPort();
  }

  /** @return the bearer key the sandbox accepts */
  public String apiKey() {
    return apiKey;
  }

  /** @return the sessions served, to read or add to */
  public SandboxData data() {
    return data;
  }

  /** @return the faults to inject */
  public SandboxFaults faults() {
    return faults;
  }

  /** @return every request received since the start (or the last {@link #resetStats()}), in arrival order */
  public List<RecordedCall> requests() {
    return List.copyOf(dispatcher.calls());
  }

  /** @return the largest number of requests the sandbox was handling at once */
  public int maxInFlight() {
    return dispatcher.maxInFlight();
  }

  /** Forgets the recorded requests and the in-flight maximum. */
  public void resetStats() {
    dispatcher.resetStats();
  }

  /** Stops the server. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "AgpSandbox{baseUrl=" + baseUrl() + ", sessions=" + data.size() + "}";
  }

  /** Configures an {@link AgpSandbox}. */
  public static final class Builder {
    private int port;
    private String apiKey = DEFAULT_API_KEY;
    private long seed = SandboxData.DEFAULT_SEED;
    private Instant newest = SandboxData.DEFAULT_NEWEST;
    private boolean empty;
    private @Nullable Duration liveSpan;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds three live manager trees ({@link #LIVE_MANAGER_IDS}): each goes from {@code queued} or {@code
     * pending} to {@code running}, spawns subagent sessions while it runs (the first manager a tree of 12
     * sessions, the second 5, the third none), and ends after them; the first manager ends {@code
     * completed} with some subagents failed, the second {@code failed}. Everything ends within {@code span}
     * of the start, decided by the {@linkplain #seed seed}, as the {@linkplain #clock clock} passes.
     *
     * @param span when the last session ends, after the sandbox starts; at least one second
     * @return this builder
     */
    public Builder live(Duration span) {
      Objects.requireNonNull(span, "span");
      if (span.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("the live span must be at least 1 second, but was " + span);
      }
      this.liveSpan = span;
      return this;
    }

    /**
     * Sets the clock the {@linkplain #live live sessions} follow (default the system's): tests pass one they
     * move by hand, and never sleep.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port a port from 1 to 65535, or 0 for a free one (the default)
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 (any free port) and 65535, but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the bearer key the sandbox accepts.
     *
     * @param apiKey the key
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * Uses the default data set generated from another seed.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets when the data set ends: its newest session is created three minutes before this instant, the
     * others further back. The default, {@code 2026-05-07T14:30:00Z}, keeps the data the same on every
     * run; pass the current time so that filters relative to now ({@code --created-after 24h}) find
     * sessions, as {@code agp} does for its embedded sandbox.
     *
     * @param newest the end of the data set
     * @return this builder
     */
    public Builder dataUntil(Instant newest) {
      this.newest = Objects.requireNonNull(newest, "newest");
      return this;
    }

    /**
     * Starts with no sessions at all; add them through {@link AgpSandbox#data()}.
     *
     * @return this builder
     */
    public Builder empty() {
      this.empty = true;
      return this;
    }

    /** @return the running sandbox */
    public AgpSandbox start() {
      return new AgpSandbox(this);
    }
  }
}
