package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agp.client.AgpClient;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.sandbox.AgpSandbox;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class OkHttp4CodeTest {

  @Test
  void theConsumersOkHttp4CodeAndTheSdkShareOneOkHttp() throws Exception {
    try (AgpSandbox sandbox = AgpSandbox.start()) {
      // The consumer's own code, as written for OkHttp 4.
      OkHttpClient http = new OkHttpClient.Builder().connectTimeout(5, TimeUnit.SECONDS).build();
      Request request = new Request.Builder().url(sandbox.baseUrl() + "api/v2/sessions?size=1")
          .header("Authorization", "Bearer " + sandbox.apiKey()).build();
      try (Response response = http.newCall(request).execute()) {
        assertEquals(200, response.code());
        assertTrue(response.body().string().contains("\"items\""));
      }
      // The SDK, sharing the consumer's client (its pools and dispatcher).
      try (AgpClient client = AgpClient.builder().httpClient(http).baseUrl(sandbox.baseUrl()).apiKey(sandbox.apiKey())
          .build()) {
        assertEquals(3, client.sessions().list(ListSessionsParams.builder().size(3).build()).items().size());
      }
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
