package dev.agp.it.hostile;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.AgpClient;
import dev.agp.client.LogLevel;
import dev.agp.client.RetryPolicy;
import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.AgpException;
import dev.agp.client.errors.AgpNetworkException;
import dev.agp.client.errors.InternalServerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transport against servers that misbehave: bodies too large or endless, answers too slow or never,
 * connections reset, redirects that would weaken security or never end, and a thread interrupted while it
 * waits. Each case checks the exception's type and message and how many requests the server saw; the JUnit
 * timeout only guards against a hang, it is not what is measured.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileServerIT {

  private static final String KEY = "sk-test-hostile-0123456789";
  /** Fast retries: the cases are about what is retried, not how long the client waits. */
  private static final RetryPolicy FAST = RetryPolicy.builder()
      .initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(20)).build();

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  private <T extends AutoCloseable> T track(T resource) {
    resources.add(resource);
    return resource;
  }

  private RawServer raw(RawServer.Behaviour behaviour) throws IOException {
    return track(new RawServer(behaviour));
  }

  private MockWebServer mock() throws IOException {
    MockWebServer server = new MockWebServer();
    server.start();
    return track(server);
  }

  private AgpClient.Builder builder(String url) {
    return AgpClient.builder().apiKey(KEY).baseUrl(url).retryPolicy(FAST)
        .logLevel(LogLevel.BASIC).logger(log::add);
  }

  private AgpClient client(AgpClient.Builder builder) {
    return track(builder.build());
  }

  // ---- bodies ---------------------------------------------------------------------------------------------------

  @Test
  void anEndlessBodyFailsAtTheDefaultLimitWithoutRetry() throws Exception {
    RawServer server = raw((socket, out) -> Bodies.endlessPage(out, Long.MAX_VALUE));
    AgpClient client = client(builder(server.url()));

    assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.none()))
        .isExactlyInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("listSessions (GET /api/v2/sessions)")
        .hasMessageContaining("larger than the client's maximum of 16777216 bytes")
        .hasMessageContaining("maxResponseBodyBytes");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void anEndlessBodyFailsTheAsyncWalkInsteadOfHangingIt() throws Exception {
    RawServer server = raw((socket, out) -> Bodies.endlessPage(out, Long.MAX_VALUE));
    AgpClient client = client(builder(server.url()).maxResponseBodyBytes(1 << 20));

    CompletableFuture<?> walk = client.sessions().listAll(ListSessionsParams.none()).forEachAsync(session -> {});

    assertThatThrownBy(walk::join).isInstanceOf(CompletionException.class)
        .cause().isExactlyInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("larger than the client's maximum of 1048576 bytes");
  }

  @Test
  void aBodyAnnouncedTooLargeFailsBeforeItIsRead() throws Exception {
    RawServer server = raw((socket, out) -> {
      RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200000000\r\n\r\n");
      // Holds the connection until the client drops it.
      socket.getInputStream().read();
    });
    AgpClient client = client(builder(server.url()));

    assertThatThrownBy(() -> client.sessions().status("s-1"))
        .isExactlyInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("announces 200000000 bytes, more than the client's maximum of 16777216 bytes");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void anEndlessErrorBodyIsCutAndKept() throws Exception {
    RawServer server = raw((socket, out) -> {
      RawServer.write(out, "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
      String filler = "x".repeat(8192);
      while (true) {
        Bodies.chunk(out, filler);
      }
    });
    AgpClient client = client(builder(server.url()).maxRetries(0));

    InternalServerException error = (InternalServerException) catchAgp(() -> client.sessions().status("s-1"));

    assertThat(error.body()).hasSize(64 * 1024);
    assertThat(error.serverMessage()).hasValueSatisfying(m -> assertThat(m).hasSize(201).endsWith("…"));
    assertThat(server.requests()).isEqualTo(1);
  }

  // ---- timeouts, resets, interrupts -----------------------------------------------------------------------------

  @Test
  void aSlowlorisServerTimesOutEachAttemptAndIsRetried() throws Exception {
    RawServer server = raw((socket, out) -> {
      for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes()) {
        out.write(b);
        out.flush();
        Thread.sleep(100);
      }
      while (true) {
        out.write('a');
        out.flush();
        Thread.sleep(100);
      }
    });
    AgpClient client = client(builder(server.url()).maxRetries(1).callTimeout(Duration.ofSeconds(1)));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.isTimeout()).isTrue();
    assertThat(error.attempts()).isEqualTo(2);
    assertThat(error).hasMessage("timed out after 2 attempts (1 s each): GET /api/v2/sessions");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void aServerThatNeverAnswersTimesOutAsANetworkError() throws Exception {
    RawServer server = raw((socket, out) -> Thread.sleep(Long.MAX_VALUE));
    AgpClient client = client(builder(server.url()).maxRetries(0).callTimeout(Duration.ofMillis(500)));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().retrieve("s-1"));

    assertThat(error.isTimeout()).isTrue();
    assertThat(error).hasMessage("timed out after 1 attempt (0.5 s each): GET /api/v2/sessions/s-1");
    assertThat(error.getCause()).isInstanceOf(InterruptedIOException.class);
  }

  @Test
  void aReadTimeoutNamesTheSilenceItWaitedFor() throws Exception {
    RawServer server = raw((socket, out) -> Thread.sleep(Long.MAX_VALUE));
    AgpClient client = client(builder(server.url()).maxRetries(1).readTimeout(Duration.ofMillis(300)));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().status("s-1"));

    assertThat(error.isTimeout()).isTrue();
    assertThat(error).hasMessage("timed out after 2 attempts (no data for 0.3 s): GET /api/v2/sessions/s-1/status");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void aConnectionResetMidBodyIsRetriedThenANetworkError() throws Exception {
    RawServer server = raw((socket, out) -> {
      RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"items\":[");
      socket.setSoLinger(true, 0);
      socket.close();
    });
    AgpClient client = client(builder(server.url()).maxRetries(2));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.isTimeout()).isFalse();
    assertThat(error.attempts()).isEqualTo(3);
    assertThat(error.getMessage()).startsWith("GET /api/v2/sessions failed after 3 attempts: ");
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void anInterruptedBlockingCallCancelsItsRequestAndKeepsTheInterruptStatus() throws Exception {
    AtomicInteger connectionsClosed = new AtomicInteger();
    RawServer server = raw((socket, out) -> {
      // Waits for the client to go away: a read returns -1 when the cancelled call closes the connection.
      if (socket.getInputStream().read() == -1) {
        connectionsClosed.incrementAndGet();
      }
    });
    // Timeouts far beyond the class's guard: only the interrupt can end this call in time.
    AgpClient client = client(builder(server.url())
        .readTimeout(Duration.ofMinutes(5)).callTimeout(Duration.ofMinutes(5)));
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interruptKept = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        client.sessions().list(ListSessionsParams.none());
      } catch (Throwable t) {
        thrown.set(t);
        interruptKept.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    assertThat(server.firstRequest.await(10, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    caller.join();

    assertThat(thrown.get()).isExactlyInstanceOf(AgpException.class)
        .hasMessage("Interrupted while waiting for GET /api/v2/sessions; the request was cancelled")
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(interruptKept.get()).isTrue();
    while (connectionsClosed.get() == 0) {
      Thread.sleep(10);
    }
    assertThat(server.requests()).isEqualTo(1);
  }

  // ---- redirects ------------------------------------------------------------------------------------------------

  @Test
  void aSameOriginRedirectIsFollowedWithTheKeyAndLogged() throws Exception {
    MockWebServer server = mock();
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/moved/sessions?page=1").build());
    server.enqueue(json(200, Bodies.page(1, 1, "s-1")));
    AgpClient client = client(builder(server.url("/").toString()));

    assertThat(client.sessions().list(ListSessionsParams.none()).items()).hasSize(1);

    server.takeRequest();
    RecordedRequest followed = server.takeRequest();
    assertThat(followed.getTarget()).isEqualTo("/moved/sessions?page=1");
    assertThat(followed.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(log).anySatisfy(line -> assertThat(line)
        .contains("302").contains("/api/v2/sessions redirects to ").contains("/moved/sessions"));
  }

  @Test
  void aCrossOriginRedirectIsFollowedWithoutTheKey() throws Exception {
    MockWebServer other = mock();
    other.enqueue(json(200, Bodies.page(1, 1, "s-1")));
    MockWebServer server = mock();
    // localhost and 127.0.0.1 are different origins, both loopback.
    String elsewhere = "http://127.0.0.1:" + other.getPort() + "/elsewhere";
    server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", elsewhere).build());
    AgpClient client = client(builder("http://localhost:" + server.getPort() + "/"));

    assertThat(client.sessions().list(ListSessionsParams.none()).items()).hasSize(1);

    assertThat(other.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void aRedirectFromHttpsToHttpIsRefusedNamingBothUrls() throws Exception {
    HeldCertificate localhost = new HeldCertificate.Builder().addSubjectAlternativeName("localhost").build();
    HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(localhost).build();
    HandshakeCertificates clientCerts = new HandshakeCertificates.Builder()
        .addTrustedCertificate(localhost.certificate()).build();
    MockWebServer plain = mock();
    MockWebServer tls = new MockWebServer();
    tls.useHttps(serverCerts.sslSocketFactory());
    tls.start();
    track(tls);
    String downgrade = "http://localhost:" + plain.getPort() + "/api/v2/sessions";
    tls.enqueue(new MockResponse.Builder().code(301).addHeader("Location", downgrade).build());
    OkHttpClient trusting = new OkHttpClient.Builder()
        .sslSocketFactory(clientCerts.sslSocketFactory(), clientCerts.trustManager()).build();
    AgpClient client = client(builder(tls.url("/").toString()).httpClient(trusting));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.getMessage()).isEqualTo("GET /api/v2/sessions failed: refused the 301 redirect from https://localhost:"
        + tls.getPort() + "/api/v2/sessions to " + downgrade + ": it downgrades https to http");
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(tls.getRequestCount()).isEqualTo(1);
    assertThat(plain.getRequestCount()).isZero();
  }

  @Test
  void aRedirectToClearTextHttpBeyondLoopbackIsRefusedWithoutConnecting() throws Exception {
    MockWebServer server = mock();
    server.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", "http://sessions.example.com/api/v2/sessions?token=secret").build());
    AgpClient client = client(builder(server.url("/").toString()));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.getMessage())
        .contains("to http://sessions.example.com/api/v2/sessions: it leads to clear-text http on a host that is not loopback")
        .doesNotContain("secret");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectFromAClearTextClientToHttpsIsRefusedSayingWhatToUse() throws Exception {
    MockWebServer server = mock();
    // The SDK built this client for an http base URL: clear text only (no trust store loaded at start).
    server.enqueue(new MockResponse.Builder().code(308)
        .addHeader("Location", "https://localhost:" + server.getPort() + "/api/v2/sessions").build());
    AgpClient client = client(builder(server.url("/").toString()));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.getMessage()).endsWith("/api/v2/sessions to https://localhost:" + server.getPort()
        + "/api/v2/sessions: it leads to https, which this client does not speak (it was built for clear-text "
        + "http): use the https URL as the base URL");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectToHttpsFromACallersClearTextClientIsRefusedToo() throws Exception {
    MockWebServer server = mock();
    server.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", "https://localhost:" + server.getPort() + "/api/v2/sessions").build());
    OkHttpClient clearText = new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
    AgpClient client = client(builder(server.url("/").toString()).httpClient(clearText));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    // Without the guard OkHttp waits for read timeouts on every attempt.
    assertThat(error.getMessage()).contains("it leads to https, which this client does not speak");
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRedirectLoopIsReportedOnceAndNotRetried() throws Exception {
    MockWebServer server = mock();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(302).addHeader("Location", "/api/v2/sessions").build();
      }
    });
    AgpClient client = client(builder(server.url("/").toString()));

    AgpNetworkException error = (AgpNetworkException) catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error.getMessage()).startsWith("GET /api/v2/sessions failed: the server redirects in a loop");
    // OkHttp follows 20 redirects: one attempt, 21 requests, never retried.
    assertThat(server.getRequestCount()).isEqualTo(21);
  }

  @Test
  void aRedirectsCredentialsNeverReachTheLog() throws Exception {
    MockWebServer other = mock();
    other.enqueue(json(200, Bodies.page(1, 0)));
    MockWebServer server = mock();
    server.enqueue(new MockResponse.Builder().code(307)
        .addHeader("Location", "http://user:hunter2@127.0.0.1:" + other.getPort() + "/elsewhere").build());
    AgpClient client = client(builder("http://localhost:" + server.getPort() + "/").logLevel(LogLevel.HEADERS));

    client.sessions().list(ListSessionsParams.none());

    assertThat(log).anySatisfy(line -> assertThat(line).contains("redirects to http://127.0.0.1:"));
    assertThat(log).noneSatisfy(line -> assertThat(line).contains("hunter2"));
    assertThat(log).anySatisfy(line -> assertThat(line).startsWith("<-- 200 ").contains(" via http://127.0.0.1:"));
  }

  // ---- retry edges and closing ----------------------------------------------------------------------------------

  @Test
  void aServiceUnavailableWithAnAbsurdRetryAfterFailsAtOnce() throws Exception {
    MockWebServer server = mock();
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "99999999999")
        .body("{\"detail\":\"down for a while\"}").build());
    AgpClient client = client(builder(server.url("/").toString()));

    AgpException error = catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    // OkHttp itself cannot parse a 503's delay beyond an int; the client must still see the server's answer.
    assertThat(error).isExactlyInstanceOf(InternalServerException.class).hasMessageContaining("down for a while");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void closingTheClientEndsCallsWaitingToRetry() throws Exception {
    MockWebServer server = mock();
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "45").build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "45").build());
    AgpClient client = client(builder(server.url("/").toString()));
    CompletableFuture<?> async = client.sessions().listAsync(ListSessionsParams.none());
    AtomicReference<Throwable> blocking = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        client.sessions().status("s-1");
      } catch (Throwable t) {
        blocking.set(t);
      }
    });
    caller.start();
    server.takeRequest();
    server.takeRequest();

    client.close();

    assertThatThrownBy(async::join).hasCauseInstanceOf(IllegalStateException.class)
        .cause().hasMessageContaining("closed");
    caller.join();
    assertThat(blocking.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  // ---- one call per attempt, failures on OkHttp's threads -------------------------------------------------------

  @Test
  void eachAttemptIsExactlyOneOkHttpCall() throws Exception {
    MockWebServer server = mock();
    server.enqueue(json(503, "{}"));
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, Bodies.page(1, 1, "s-1")));
    AtomicInteger created = new AtomicInteger();
    AtomicInteger started = new AtomicInteger();
    OkHttpClient counting = new OkHttpClient.Builder().eventListenerFactory(call -> {
      created.incrementAndGet();
      return new EventListener() {
        @Override
        public void callStart(Call call) {
          started.incrementAndGet();
        }
      };
    }).build();
    AgpClient client = client(builder(server.url("/").toString()).httpClient(counting));

    assertThat(client.sessions().withRawResponse().list(ListSessionsParams.none()).attempts()).isEqualTo(3);

    assertThat(started.get()).isEqualTo(3);
    assertThat(created.get()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void anErrorThrownOnAnOkHttpThreadFailsTheCallerInsteadOfHangingIt() throws Exception {
    MockWebServer server = mock();
    server.enqueue(json(200, Bodies.page(1, 0)));
    StackOverflowError overflow = new StackOverflowError("injected");
    OkHttpClient failing = new OkHttpClient.Builder().addInterceptor(chain -> {
      throw overflow;
    }).build();
    AgpClient client = client(builder(server.url("/").toString()).httpClient(failing));

    assertThatThrownBy(() -> client.sessions().listAsync(ListSessionsParams.none()).join())
        .isInstanceOf(CompletionException.class).hasCause(overflow);
    assertThatThrownBy(() -> client.sessions().list(ListSessionsParams.none())).isSameAs(overflow);
  }

  @Test
  void aRuntimeExceptionInsideTheHttpClientIsReportedOnceNotRetried() throws Exception {
    MockWebServer server = mock();
    IllegalStateException bug = new IllegalStateException("interceptor bug");
    OkHttpClient failing = new OkHttpClient.Builder().addInterceptor(chain -> {
      throw bug;
    }).build();
    AgpClient client = client(builder(server.url("/").toString()).httpClient(failing));

    AgpException error = catchAgp(() -> client.sessions().list(ListSessionsParams.none()));

    assertThat(error).hasMessage("GET /api/v2/sessions failed inside the HTTP client: " + bug).hasCause(bug);
    assertThat(server.getRequestCount()).isZero();
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static AgpException catchAgp(Runnable call) {
    try {
      call.run();
    } catch (AgpException e) {
      return e;
    }
    throw new AssertionError("the call did not fail");
  }
}
