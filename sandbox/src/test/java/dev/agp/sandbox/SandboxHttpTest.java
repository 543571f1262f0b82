package dev.agp.sandbox;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;

/** A sandbox with the default data and a plain HTTP client to call it, both closed after each test. */
abstract class SandboxHttpTest {

  final AgpSandbox sandbox = AgpSandbox.start();
  final OkHttpClient http = new OkHttpClient();

  @AfterEach
  void stop() {
    sandbox.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
