/**
 * An in-process stand-in for the sessions API, for tests and demos. Reads its list rules from the spec in
 * {@code dev.agp.openapi}.
 */
module dev.agp.sandbox {
  requires dev.agp.openapi;
  requires mockwebserver3;
  requires okhttp3;
  requires com.squareup.moshi;
  requires org.yaml.snakeyaml;
  requires static transitive org.jspecify;

  exports dev.agp.sandbox;
}
