package dev.agp.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;
import org.junit.jupiter.api.Test;

/**
 * The breaking-change guard: the working spec must stay compatible with the spec of the last release
 * (src/baseline), unless its info.version starts a new major version. Changes that old clients can feel
 * but that the spec tells them to expect (an enum gains values; a parameter's bounds narrow to what the
 * server enforces) pass in a minor version only when CHANGELOG.md names each of them. The change summary
 * and the verdict are printed either way.
 */
class CompatibilityTest {

  private static final Path SPEC = Path.of(System.getProperty("agp.spec", "src/main/openapi/agp-sessions.yaml"));
  private static final Path BASELINE = Path.of(System.getProperty("agp.baseline", "src/baseline/agp-sessions.yaml"));
  private static final Path CHANGELOG = Path.of(System.getProperty("agp.changelog", "../CHANGELOG.md"));

  @Test
  void theWorkingSpecIsCompatibleWithTheLastReleaseOrANewMajorVersion() throws Exception {
    String baseline = Files.readString(BASELINE);
    String working = Files.readString(SPEC);
    ChangedOpenApi diff = OpenApiCompare.fromContents(baseline, working);

    System.out.println("Changes since the last release (" + version(baseline) + " -> " + version(working) + "):");
    System.out.println(diff.isChanged().isUnchanged() ? "  none" : summary(diff));
    Verdict verdict = Verdict.of(baseline, working);
    System.out.println("Verdict: " + verdict.describe());

    if (verdict.breaking() && major(working) <= major(baseline)) {
      fail("agp-sessions.yaml breaks compatibility with release " + version(baseline) + " (summary above). Restore "
          + "compatibility, or start a new major version in info.version and say why in CHANGELOG.md.");
    }
    if (verdict.feltByOldClients() && major(working) <= major(baseline)) {
      // Widened enums and narrowed parameters are allowed in a minor version only when CHANGELOG.md says so.
      String section = changelogSection(version(working));
      List<String> unmentioned = verdict.names().stream().filter(n -> !section.contains("`" + n + "`")).toList();
      assertThat(unmentioned).as("CHANGELOG.md's entry for the spec %s must name every change old clients can "
          + "feel (%s)", version(working), verdict.describe()).isEmpty();
    }
  }

  @Test
  void addingAValueToAResponseEnumIsAChangeOldClientsCanFeel() throws Exception {
    String working = Files.readString(SPEC);
    String widened = working.replace("        - interrupted\n", "        - interrupted\n        - archived\n");
    assertThat(widened).isNotEqualTo(working);

    Verdict verdict = Verdict.of(working, widened);

    assertThat(verdict.breaking()).isFalse();
    assertThat(verdict.feltByOldClients()).isTrue();
    assertThat(verdict.names()).contains("archived");
    assertThat(verdict.describe()).contains("LifecycleStatus gains archived");
  }

  @Test
  void changingAParametersTypeDefaultOrEnumIsBreaking() throws Exception {
    String working = Files.readString(SPEC);
    String page = "        - name: page\n          in: query\n          required: false\n          description: Page number (1-based).\n"
        + "          schema:\n            type: integer\n            format: int32\n            minimum: 1\n            default: 1\n";
    assertThat(working).contains(page);
    assertThat(Verdict.of(working, working.replace(page, page.replace("type: integer\n            format: int32", "type: string"))).breaking())
        .as("page becomes a string").isTrue();
    assertThat(Verdict.of(working, working.replace(page, page.replace("default: 1", "default: 2"))).breaking())
        .as("page's default changes").isTrue();
    String search = "          description: Case-insensitive match on the session's first message or answer.\n"
        + "          schema:\n            type: string\n";
    assertThat(working).contains(search);
    assertThat(Verdict.of(working, working.replace(search, search + "            enum: [x]\n")).breaking())
        .as("search gains an enum").isTrue();
  }

  @Test
  void narrowingAParameterIsAChangeOldClientsCanFeelAndRemovingOneIsBreaking() throws Exception {
    String working = Files.readString(SPEC);
    String narrowed = working.replaceFirst("(?m)^            maximum: \\d+\n            default: 10\n",
        "            maximum: 5\n            default: 10\n");
    assertThat(narrowed).isNotEqualTo(working);
    Verdict narrowing = Verdict.of(working, narrowed);
    assertThat(narrowing.breaking()).isFalse();
    assertThat(narrowing.names()).containsExactly("size");
    assertThat(narrowing.describe()).isEqualTo("parameter size accepts less than before");

    int start = working.indexOf("  /api/v2/sessions/{id}/status:");
    Verdict removal = Verdict.of(working, working.substring(0, start) + working.substring(working.indexOf("components:")));
    assertThat(removal.breaking()).isTrue();
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

  /** The CHANGELOG.md section that mentions this version of the spec: the first one naming it. */
  private static String changelogSection(String version) throws Exception {
    String changelog = Files.readString(CHANGELOG);
    String[] sections = changelog.split("(?m)^## ");
    for (String section : sections) {
      if (section.contains("agp-sessions.yaml " + version)) {
        return section;
      }
    }
    throw new AssertionError("CHANGELOG.md has no section mentioning `agp-sessions.yaml " + version + "`");
  }

  static String summary(ChangedOpenApi diff) {
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
