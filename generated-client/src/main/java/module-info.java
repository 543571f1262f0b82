/**
 * The Retrofit interfaces and Moshi models generated from {@code agp-sessions.yaml}, and their small
 * handwritten runtime. Requires what its public API shows (Retrofit's {@code Call}, Moshi, OkHttp) transitively.
 */
module dev.agp.generated {
  requires transitive retrofit2;
  requires transitive com.squareup.moshi;
  requires transitive okhttp3;
  requires retrofit2.converter.moshi;
  requires static transitive org.jspecify;

  exports dev.agp.generated.api;
  exports dev.agp.generated.model;
  exports dev.agp.generated.runtime;

  // Moshi decodes the models by reflection; Retrofit calls the interfaces' default methods.
  opens dev.agp.generated.model to com.squareup.moshi;
  opens dev.agp.generated.api to retrofit2;
}
