/**
 * The ergonomic client: setup, auto-pagination, subagent trees, typed errors and retries over the generated
 * client, whose types its API returns ({@code requires transitive}: a consumer's {@code requires
 * dev.agp.client} is enough).
 */
module dev.agp.client {
  requires transitive dev.agp.generated;
  // Used directly (jdeps --check lists them); read today through the generated module's transitive requires.
  requires retrofit2;
  requires retrofit2.converter.moshi;
  requires com.squareup.moshi;
  requires okio;
  requires static transitive org.jspecify;

  exports dev.agp.client;
  exports dev.agp.client.errors;

  // Retrofit builds its proxy of the SDK's own service interface, and calls its default methods.
  opens dev.agp.client to retrofit2;
}
