package dev.agp.generated.runtime;

import com.squareup.moshi.Moshi;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.moshi.MoshiConverterFactory;

/**
 * Builds a {@link Retrofit} instance for the generated API interfaces, with the SDK's Moshi configuration.
 *
 * <pre>{@code
 * OkHttpClient http = new OkHttpClient.Builder()
 *     .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
 *         .header("Authorization", "Bearer " + apiKey).build()))
 *     .build();
 * SessionsApi sessions = AgpRetrofit.create(HttpUrl.get("https://agp.eu.hcompany.ai/"), http)
 *     .create(SessionsApi.class);
 * SessionSummaryPage page = sessions
 *     .listSessions(SessionsApi.ListSessionsParams.builder().page(1).size(10).build())
 *     .execute().body();
 * }</pre>
 *
 * <p>Most applications should use the ergonomic client ({@code dev.agp.client.AgpClient}) instead, which
 * adds authentication, retries, typed errors and pagination on top of these interfaces.
 */
public final class AgpRetrofit {

  private AgpRetrofit() {}

  /**
   * Creates a Retrofit instance that sends requests through {@code client} to {@code baseUrl}.
   *
   * @param baseUrl the API's base URL, for example {@code https://agp.eu.hcompany.ai/}
   * @param client the HTTP client; it carries authentication and any interceptors
   * @return a Retrofit instance for the generated API interfaces
   */
  public static Retrofit create(HttpUrl baseUrl, OkHttpClient client) {
    return create(baseUrl, client, AgpMoshi.get());
  }

  /**
   * Creates a Retrofit instance with a caller-supplied Moshi (built from {@link AgpMoshi#newBuilder()}).
   *
   * @param baseUrl the API's base URL
   * @param client the HTTP client
   * @param moshi the Moshi instance that decodes responses
   * @return a Retrofit instance for the generated API interfaces
   */
  public static Retrofit create(HttpUrl baseUrl, OkHttpClient client, Moshi moshi) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(moshi, "moshi");
    return new Retrofit.Builder()
        .baseUrl(baseUrl)
        .client(client)
        .addConverterFactory(MoshiConverterFactory.create(moshi))
        .build();
  }
}
