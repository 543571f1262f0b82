package dev.agp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every published jar carries the project's Apache-2.0 LICENSE as META-INF/LICENSE. */
class LicenseFilesTest {

  /** Each artifact, by the names its jar or its classes directory goes by on the test class path. */
  private static final Map<String, List<String>> ARTIFACTS = Map.of(
      "agp-client", List.of("agp-client-", "/ergonomic-client/"),
      "agp-generated-client", List.of("agp-generated-client-", "/generated-client/"),
      "agp-sandbox", List.of("agp-sandbox-", "/sandbox/"),
      "agp-openapi", List.of("agp-openapi-", "/openapi/"));

  @Test
  void everyArtifactCarriesTheLicense() throws Exception {
    List<URL> licenses = Collections.list(getClass().getClassLoader().getResources("META-INF/LICENSE"));
    ARTIFACTS.forEach((artifact, names) -> {
      URL license = licenses.stream().filter(url -> names.stream().anyMatch(url.toString()::contains)).findFirst()
          .orElseThrow(() -> new AssertionError(artifact + " has no META-INF/LICENSE; found " + licenses));
      try (var in = license.openStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(artifact)
            .contains("Apache License").contains("Version 2.0, January 2004");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
