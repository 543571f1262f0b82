package dev.agp.generated;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated sources read like handwritten ones: a one-line header, no runs of blank lines. */
class GeneratedSourcesTest {

  private static final Path GENERATED = Path.of("target/generated-sources/openapi/src/main/java");

  @Test
  void everyFileHasAOneLineHeaderAndNoRunsOfBlankLines() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(GENERATED)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      assertThat(lines.get(0)).as(file.toString()).startsWith("// Generated from the OpenAPI document");
      assertThat(lines.get(1)).as(file.toString()).satisfiesAnyOf(
          l -> assertThat(l).isEmpty(), l -> assertThat(l).startsWith("package "));
      for (int i = 1; i < lines.size(); i++) {
        assertThat(lines.get(i - 1).isBlank() && lines.get(i).isBlank())
            .as("%s has a run of blank lines at line %d", file, i + 1).isFalse();
      }
      assertThat(String.join("\n", lines)).as(file.toString())
          .doesNotContain("com.google.gson", "Do not edit the class manually");
    }
  }
}
