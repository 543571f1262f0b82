package dev.agp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import org.junit.jupiter.api.Test;

/**
 * The breaking-change guard: the working spec must stay compatible with the spec of the last release
 * (src/baseline), unless its info.version starts a new major version. The change summary is printed
 * either way.
 */
class CompatibilityTest {

  private static final Path SPEC = Path.of(System.getProperty("agp.spec", "src/main/openapi/agp-sessions.yaml"));
  private static final Path BASELINE = Path.of(System.getProperty("agp.baseline", "src/baseline/agp-sessions.yaml"));

  @Test
  void theWorkingSpecIsCompatibleWithTheLastReleaseOrANewMajorVersion() throws Exception {
    String baseline = Files.readString(BASELINE);
    String working = Files.readString(SPEC);
    ChangedOpenApi diff = OpenApiCompare.fromContents(baseline, working);

    System.out.println("Changes since the last release (" + version(baseline) + " -> " + version(working) + "):");
    System.out.println(diff.isChanged().isUnchanged() ? "  none" : summary(diff));

    if (diff.isChanged().isIncompatible() && major(working) <= major(baseline)) {
      fail("agp-sessions.yaml breaks compatibility with release " + version(baseline) + " (summary above). Restore "
          + "compatibility, or start a new major version in info.version and say why in CHANGELOG.md.");
    }
  }

  @Test
  void theGuardSeesABreakingChange() throws Exception {
    String working = Files.readString(SPEC);
    // Removing an operation breaks every client that calls it.
    int start = working.indexOf("  /api/v2/sessions/{id}/status:");
    int end = working.indexOf("components:");
    String broken = working.substring(0, start) + working.substring(end);

    ChangedOpenApi diff = OpenApiCompare.fromContents(working, broken);

    assertThat(diff.isChanged().isIncompatible()).isTrue();
    assertThat(summary(diff)).contains("/api/v2/sessions/{id}/status");
  }

  @Test
  void theGuardLetsACompatibleChangeThrough() throws Exception {
    String working = Files.readString(SPEC);
    // A new optional query parameter is compatible.
    String owner = "        - name: owner\n          in: query\n";
    String search = "        - name: search\n          in: query\n          required: false\n"
        + "          description: Case-insensitive match on the first message.\n"
        + "          schema:\n            type: string\n";
    String extended = working.replace(owner, search + owner);
    assertThat(extended).isNotEqualTo(working);

    ChangedOpenApi diff = OpenApiCompare.fromContents(working, extended);

    assertThat(diff.isChanged().isCompatible()).isTrue();
    assertThat(diff.isChanged().isUnchanged()).isFalse();
  }

  @Test
  void majorVersionsAreReadFromInfoVersion() {
    assertThat(major("info:\n  title: x\n  version: 2.3.4\n")).isEqualTo(2);
    assertThat(major("info:\n  version: '0.1.0'\n")).isZero();
  }

  private static String summary(ChangedOpenApi diff) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
    new MarkdownRender().render(diff, writer);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String version(String yaml) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  version:\\s*'?\"?([^'\"\\s]+)").matcher(yaml);
    if (!m.find()) {
      throw new IllegalStateException("no info.version");
    }
    return m.group(1);
  }

  private static int major(String yaml) {
    return Integer.parseInt(version(yaml).split("\\.")[0]);
  }
}
