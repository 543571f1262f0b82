package dev.agp.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer on loopback, a recording sleeper, and clients built against them that are closed after. */
abstract class MockServerTestBase {
  static final String KEY = "sk-test-0123456789abcdef";

  final MockWebServer server = new MockWebServer();
  final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<AgpClient> clients = new ArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server.start();
  }

  @AfterEach
  void stopServer() {
    clients.forEach(AgpClient::close);
    server.close();
  }

  AgpClient.Builder builder() {
    return AgpClient.builder().apiKey(KEY).baseUrl(server.url("/").toString()).sleeper(sleeper);
  }

  AgpClient client() {
    return track(builder().build());
  }

  AgpClient track(AgpClient client) {
    clients.add(client);
    return client;
  }

  void enqueue(int code, String body, String... headers) {
    MockResponse.Builder response = new MockResponse.Builder().code(code).body(body);
    for (int i = 0; i < headers.length; i += 2) {
      response.addHeader(headers[i], headers[i + 1]);
    }
    server.enqueue(response.build());
  }

  void enqueueJson(int code, String body, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    enqueue(code, body, all);
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("no request reached the server");
    }
    return request;
  }
}
