package dev.agp.client;

import dev.agp.sandbox.AgpSandbox;
import dev.agp.sandbox.RecordedCall;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** A fresh sandbox per test and clients against it, closed after. */
abstract class SandboxTestBase {
  final RecordingSleeper sleeper = new RecordingSleeper();
  private AgpSandbox sandbox;
  private final java.util.List<AgpClient> clients = new java.util.ArrayList<>();

  AgpSandbox sandbox() {
    if (sandbox == null) {
      sandbox = AgpSandbox.start();
    }
    return sandbox;
  }

  /** Starts an empty sandbox holding {@code count} plain sessions. */
  AgpSandbox sandboxWith(int count) {
    sandbox = AgpSandbox.builder().empty().start();
    sandbox.data().addOldSessions(count);
    return sandbox;
  }

  AgpClient.Builder builder() {
    return AgpClient.builder().baseUrl(sandbox().baseUrl()).apiKey(sandbox().apiKey()).sleeper(sleeper);
  }

  AgpClient client() {
    AgpClient client = builder().build();
    clients.add(client);
    return client;
  }

  AgpClient track(AgpClient client) {
    clients.add(client);
    return client;
  }

  List<String> listRequests() {
    return sandbox().requests().stream()
        .filter(c -> c.path().equals("/api/v2/sessions"))
        .map(RecordedCall::target)
        .toList();
  }

  List<String> pagesRequested() {
    return sandbox().requests().stream()
        .filter(c -> c.path().equals("/api/v2/sessions"))
        .map(c -> c.queryParameter("page"))
        .toList();
  }

  @AfterEach
  void closeAll() {
    clients.forEach(AgpClient::close);
    if (sandbox != null) {
      sandbox.close();
    }
  }
}
