package dev.agp.generated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.api.SessionsApi;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionOwner;
import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummaryPage;
import dev.agp.generated.runtime.AgpRetrofit;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.http.GET;
import retrofit2.http.HeaderMap;

/** What the generated interface puts on the wire, as MockWebServer records it. */
class RequestUrlTest {

  private final MockWebServer server = new MockWebServer();
  private final OkHttpClient http = new OkHttpClient();
  private SessionsApi api;

  @BeforeEach
  void start() throws IOException {
    server.start();
    api = AgpRetrofit.create(server.url("/"), http).create(SessionsApi.class);
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  /** One call to make, and the exact request target (path and query) it must produce. */
  interface ListCall {
    Call<SessionSummaryPage> on(SessionsApi api);
  }

  static Stream<Arguments> listCombinations() {
    return Stream.of(
        Arguments.of("no parameters: nothing is sent",
            (ListCall) a -> a.listSessions(ListSessionsParams.none()),
            "/api/v2/sessions"),
        Arguments.of("page and size",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().page(3).size(100).build()),
            "/api/v2/sessions?page=3&size=100"),
        Arguments.of("sort newest first uses the wire value",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_DESC).build()),
            "/api/v2/sessions?sort=-created_at"),
        Arguments.of("sort oldest first",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().sort(SessionSort.CREATED_AT_ASC).build()),
            "/api/v2/sessions?sort=created_at"),
        Arguments.of("one status",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().status(LifecycleStatus.TIMED_OUT).build()),
            "/api/v2/sessions?status=timed_out"),
        Arguments.of("several statuses repeat the key",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder()
                .status(LifecycleStatus.RUNNING, LifecycleStatus.PAUSED).status(List.of(LifecycleStatus.TIMED_OUT)).build()),
            "/api/v2/sessions?status=running&status=paused&status=timed_out"),
        Arguments.of("a status newer than the SDK travels with the typed ones",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder()
                .status(LifecycleStatus.RUNNING).statusNewerThanSdk("archived").build()),
            "/api/v2/sessions?status=running&status=archived"),
        Arguments.of("an empty status list sends nothing",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().status(List.of()).build()),
            "/api/v2/sessions"),
        Arguments.of("several agents repeat the key and are encoded",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().agent("web-price-finder", "h/web surfer").build()),
            "/api/v2/sessions?agent=web-price-finder&agent=h%2Fweb%20surfer"),
        Arguments.of("group id",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().groupId("trip-planning-001").build()),
            "/api/v2/sessions?group_id=trip-planning-001"),
        Arguments.of("parent session id",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().parentSessionId("a1b2c3d4-e5f6-7890-abcd-ef1234567890").build()),
            "/api/v2/sessions?parent_session_id=a1b2c3d4-e5f6-7890-abcd-ef1234567890"),
        Arguments.of("owner uses the wire value",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().owner(SessionOwner.ME_OR_ORGANIZATION).build()),
            "/api/v2/sessions?owner=me-or-organization"),
        Arguments.of("a parameter newer than the SDK is sent after the declared ones",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().additionalQueryParam("label", "x y").size(5).build()),
            "/api/v2/sessions?size=5&label=x%20y"),
        Arguments.of("every parameter at once, in the spec's order whatever the order set",
            (ListCall) a -> a.listSessions(ListSessionsParams.builder().owner(SessionOwner.ME).parentSessionId("p")
                .groupId("g").agent("a", "b").status(LifecycleStatus.FAILED, LifecycleStatus.INTERRUPTED)
                .sort(SessionSort.CREATED_AT_ASC).size(50).page(2).build()),
            "/api/v2/sessions?page=2&size=50&sort=created_at&status=failed&status=interrupted"
                + "&agent=a&agent=b&group_id=g&parent_session_id=p&owner=me"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listCombinations")
  void listBuildsTheExpectedUrl(String description, ListCall call, String expectedTarget) throws Exception {
    server.enqueue(new MockResponse.Builder().body(Fixtures.json("doc-page-example.json")).build());

    Response<SessionSummaryPage> response = call.on(api).execute();

    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getTarget()).isEqualTo(expectedTarget);
    assertThat(response.body().getTotal()).isEqualTo(47);
  }

  @Test
  void retrieveAndStatusPutTheIdInThePath() throws Exception {
    server.enqueue(new MockResponse.Builder().body(Fixtures.json("session.json")).build());
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"queued\",\"subagent_session_ids\":[]}").build());

    assertThat(api.getSession("a1b2").execute().body().getId()).isEqualTo("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
    assertThat(api.getSessionStatus("a1b2").execute().body().getStatusRaw()).isEqualTo("queued");

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v2/sessions/a1b2");
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v2/sessions/a1b2/status");
  }

  @Test
  void pathIdsArePercentEncoded() throws Exception {
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"running\"}").build());

    api.getSessionStatus("../x y").execute();

    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v2/sessions/..%2Fx%20y/status");
  }

  @Test
  void everyOperationSendsItsAdditionalHeadersAndTheShortFormsSendNone() throws Exception {
    server.enqueue(new MockResponse.Builder().body(Fixtures.json("doc-page-example.json")).build());
    server.enqueue(new MockResponse.Builder().body(Fixtures.json("session.json")).build());
    server.enqueue(new MockResponse.Builder().body("{\"status\":\"queued\"}").build());
    server.enqueue(new MockResponse.Builder().body(Fixtures.json("doc-page-example.json")).build());
    Map<String, String> headers = Map.of("X-Trace-Id", "t-1");

    api.listSessions(ListSessionsParams.builder().size(5).build(), headers).execute();
    api.getSession("a1b2", headers).execute();
    api.getSessionStatus("a1b2", headers).execute();
    api.listSessions(ListSessionsParams.none()).execute();

    for (int i = 0; i < 3; i++) {
      assertThat(server.takeRequest().getHeaders().get("X-Trace-Id")).isEqualTo("t-1");
    }
    RecordedRequest plain = server.takeRequest();
    assertThat(plain.getTarget()).isEqualTo("/api/v2/sessions");
    assertThat(plain.getHeaders().get("X-Trace-Id")).isNull();
  }

  /**
   * Every Retrofit method of the generated interface ends with a header map, so that a caller (the ergonomic
   * client's per-call options) can add headers to any operation, including one a spec change adds.
   */
  @Test
  void everyRetrofitMethodEndsWithAHeaderMap() {
    List<Method> retrofitMethods = Arrays.stream(SessionsApi.class.getMethods())
        .filter(m -> m.isAnnotationPresent(GET.class)).toList();
    assertThat(retrofitMethods).extracting(Method::getName)
        .containsExactlyInAnyOrder("listSessions", "getSession", "getSessionStatus");
    for (Method method : retrofitMethods) {
      Annotation[][] annotations = method.getParameterAnnotations();
      assertThat(annotations[annotations.length - 1]).as(method.getName())
          .hasAtLeastOneElementOfType(HeaderMap.class);
      assertThat(method.getGenericParameterTypes()[annotations.length - 1].getTypeName()).as(method.getName())
          .isEqualTo("java.util.Map<java.lang.String, java.lang.String>");
    }
  }
}
