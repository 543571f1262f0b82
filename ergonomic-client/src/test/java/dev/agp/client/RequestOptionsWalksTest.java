package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.sandbox.SandboxData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A walk applies its options to every request it makes: every page, every child list, the tree's root. */
class RequestOptionsWalksTest extends SandboxTestBase {

  private static final RequestOptions TRACED = RequestOptions.builder().header("X-Trace-Id", "walk-7").build();

  /** Every request as it leaves for the network, after the SDK's interceptors. */
  private final List<Request> sent = new CopyOnWriteArrayList<>();
  private final OkHttpClient recording = new OkHttpClient.Builder()
      .addNetworkInterceptor(chain -> {
        sent.add(chain.request());
        return chain.proceed(chain.request());
      })
      .build();

  @AfterEach
  void closeRecording() {
    recording.dispatcher().executorService().shutdown();
    recording.connectionPool().evictAll();
  }

  private AgpClient recordingClient() {
    return track(builder().httpClient(recording).build());
  }

  private void assertEveryRequestTraced(int atLeast) {
    assertThat(sent).hasSizeGreaterThanOrEqualTo(atLeast)
        .allSatisfy(request -> assertThat(request.headers("X-Trace-Id")).as(request.url().toString()).containsExactly("walk-7"));
  }

  @Test
  void listAllSendsTheOptionsWithEveryPageAndKeepsThemThroughConfiguredCopies() {
    sandboxWith(250);
    AgpClient client = recordingClient();

    List<?> all = client.sessions().listAll(ListSessionsParams.builder().size(50).build(), TRACED)
        .concurrency(2).limit(240).stream().toList();

    assertThat(all).hasSize(240);
    assertEveryRequestTraced(5);
  }

  @Test
  void listAllWithoutOptionsSendsNoExtraHeader() {
    sandboxWith(30);
    AgpClient client = recordingClient();

    assertThat(client.sessions().listAll(ListSessionsParams.builder().size(10).build()).stream().count()).isEqualTo(30);

    assertThat(sent).hasSizeGreaterThanOrEqualTo(3).allSatisfy(request -> assertThat(request.header("X-Trace-Id")).isNull());
  }

  @Test
  void childrenSendTheOptionsWithEveryPage() {
    AgpClient client = recordingClient();

    long children = client.sessions().children(SandboxData.WIDE_MANAGER_ID, TRACED).stream().count();

    assertThat(children).isEqualTo(120);
    assertEveryRequestTraced(2);
  }

  @Test
  void treesSendTheOptionsWithTheRootAndEveryChildList() throws Exception {
    AgpClient client = recordingClient();

    SessionTree tree = client.sessions().tree(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.defaults(), TRACED);
    assertThat(tree.size()).isGreaterThan(4);
    assertThat(sent).anySatisfy(r -> assertThat(r.url().encodedPath()).isEqualTo("/api/v2/sessions/" + SandboxData.DEEP_TREE_ROOT_ID));
    assertEveryRequestTraced(tree.size());
    int perWalk = sent.size();

    SessionTree later = client.sessions().treeAsync(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.defaults(), TRACED)
        .get(10, TimeUnit.SECONDS);
    assertThat(later.size()).isEqualTo(tree.size());
    try (Stream<SessionNode> nodes = client.sessions().descendants(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.defaults(), TRACED)) {
      assertThat(nodes.count()).isEqualTo(tree.size());
    }
    assertEveryRequestTraced(3 * perWalk);
  }
}
