package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged agp.jar runs on its own, outside the test classpath, as a separate process. */
class PackagedJarIT {

  private record Run(int exit, String out, String err) {}

  private static Run java(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("agp.jar", "target/agp.jar"));
    assertThat(jar).exists();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("H_API_KEY");
    builder.environment().remove("HAI_API_KEY");
    builder.environment().remove("AGP_BASE_URL");
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void listsFromTheEmbeddedSandbox() throws Exception {
    Run run = java("sessions", "list", "--limit", "5", "--format", "jsonl");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(5).allSatisfy(line -> assertThat(line).startsWith("{\"id\":"));
    assertThat(run.err()).startsWith("agp: using the embedded sandbox");
  }

  @Test
  void walksATreeAndReportsUsageErrors() throws Exception {
    Run tree = java("--sandbox", "sessions", "tree", "deadbeef-0000-4000-8000-000000000001", "--max-depth", "1");
    assertThat(tree.exit()).as(tree.err()).isZero();
    assertThat(tree.out().lines()).hasSize(4);
    Run usage = java("sessions", "list", "--size", "0");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("--size must be between 1 and 100");
  }

  @Test
  void aRealPipeClosedByHeadEndsTheCommandWithExitZero() throws Exception {
    Path jar = Path.of(System.getProperty("agp.jar", "target/agp.jar")).toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Each page takes 300 ms, so that the reader (head) has left long before a second window of pages could
    // be fetched, however busy the machine: what is counted is the walk's reaction, not the scheduler's.
    try (dev.agp.sandbox.AgpSandbox slow = dev.agp.sandbox.AgpSandbox.start()) {
      slow.faults().latency(Duration.ofMillis(300));
      ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; " + java + " -jar " + jar
          + " sessions list --all --size 10 -o jsonl | head -1; echo \"exit=$?\"");
      builder.environment().put("H_API_KEY", slow.apiKey());
      builder.environment().put("AGP_BASE_URL", slow.baseUrl());
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(out.lines().toList()).hasSize(2);
      assertThat(out).startsWith("{\"id\":").contains("exit=0");
      // About 30 pages of 10: the walk stopped after its first window (4 requests) and at most one more.
      assertThat(slow.requests().size()).isBetween(1, 8);
    }
  }

  @Test
  void watchStopsPollingWhenItsReaderGoesAway() throws Exception {
    Path jar = Path.of(System.getProperty("agp.jar", "target/agp.jar")).toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // No key: the embedded sandbox, whose live manager takes 30 s; the reader leaves after one line.
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "set -o pipefail; " + java + " -jar " + jar
        + " sessions watch 11fe0000-0000-4000-8000-000000000001 | head -1; echo \"exit=$?\"");
    builder.environment().remove("H_API_KEY");
    builder.environment().remove("HAI_API_KEY");
    builder.environment().remove("AGP_BASE_URL");
    builder.environment().remove("AGP_REGION");
    Process process = builder.start();
    // Long before the tree ends: the first write after the reader left stops the wait.
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("watch ended when its reader went away").isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out.lines().toList()).hasSize(2);
    assertThat(out).startsWith("{\"event\":\"discovered\"").contains("exit=0");
  }

  @Test
  void printsItsVersion() throws Exception {
    Run version = java("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("agp ").doesNotContain("development build").contains("(sessions API spec ");
  }

  @Test
  void outputThatCannotBeWrittenIsAnErrorNotASilentSuccess() throws Exception {
    assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full (Linux)");
    Path jar = Path.of(System.getProperty("agp.jar", "target/agp.jar")).toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (String command : List.of("--sandbox sessions list --all -o jsonl", "--sandbox sessions list -o json", "--version",
        "--help", "completion bash")) {
      ProcessBuilder builder = new ProcessBuilder("bash", "-c", java + " -jar " + jar + " " + command + " > /dev/full");
      builder.environment().remove("H_API_KEY");
      builder.environment().remove("HAI_API_KEY");
      Process process = builder.start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(process.exitValue()).as(command + ": " + err).isEqualTo(1);
      assertThat(err).as(command).contains("error: cannot write the output: No space left on device");
    }
  }

  @Test
  void outputIsUtf8WhateverTheLocale() throws Exception {
    // LANG unset, LC_ALL=C: how cron, systemd and many containers run. JSON must be UTF-8 (RFC 8259).
    Path jar = Path.of(System.getProperty("agp.jar", "target/agp.jar")).toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString(), "--sandbox", "sessions", "list",
        "--search", "Bento", "--size", "3", "-o", "jsonl");
    builder.environment().remove("LANG");
    builder.environment().remove("H_API_KEY");
    builder.environment().remove("HAI_API_KEY");
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isZero();
    assertThat(out.lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("São Bento").doesNotContain("S?o"));
  }

  /** Where each bundled library's classes live in agp.jar, and the artifact THIRD-PARTY.txt must name. */
  private static final Map<String, String> BUNDLED = Map.ofEntries(
      Map.entry("kotlin/", "org.jetbrains.kotlin:kotlin-stdlib:"),
      Map.entry("okhttp3/", "com.squareup.okhttp3:okhttp-jvm:"),
      Map.entry("mockwebserver3/", "com.squareup.okhttp3:mockwebserver3:"),
      Map.entry("okio/", "com.squareup.okio:okio-jvm:"),
      Map.entry("retrofit2/converter/moshi/", "com.squareup.retrofit2:converter-moshi:"),
      Map.entry("retrofit2/", "com.squareup.retrofit2:retrofit:"),
      Map.entry("com/squareup/moshi/", "com.squareup.moshi:moshi:"),
      Map.entry("org/yaml/snakeyaml/", "org.yaml:snakeyaml:"),
      Map.entry("picocli/", "info.picocli:picocli:"),
      Map.entry("org/intellij/lang/annotations/", "org.jetbrains:annotations:"),
      Map.entry("org/jetbrains/annotations/", "org.jetbrains:annotations:"),
      Map.entry("org/jspecify/", "org.jspecify:jspecify:"),
      Map.entry("dev/agp/", "dev.agp:"));

  @Test
  void theJarCarriesItsLicenseAndTheLicenseOfEveryLibraryItBundles() throws Exception {
    Path jar = Path.of(System.getProperty("agp.jar", "target/agp.jar"));
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      String license = new String(file.getInputStream(file.getEntry("META-INF/LICENSE")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(license).contains("Apache License").contains("Version 2.0, January 2004");
      String thirdParty = new String(file.getInputStream(file.getEntry("META-INF/THIRD-PARTY.txt")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertThat(file.getEntry("THIRD-PARTY.txt")).as("one copy, in META-INF").isNull();
      List<String> classes = file.stream().map(java.util.zip.ZipEntry::getName)
          .map(name -> name.replaceFirst("^META-INF/versions/[0-9]+/", ""))
          .filter(name -> name.endsWith(".class") && !name.equals("module-info.class")).toList();
      assertThat(classes).hasSizeGreaterThan(1000).allSatisfy(name -> {
        String library = BUNDLED.keySet().stream().filter(name::startsWith).findFirst()
            .orElseThrow(() -> new AssertionError(name + " comes from a library nobody listed: add it to BUNDLED and check "
                + "that THIRD-PARTY.txt names it with its license"));
        assertThat(thirdParty).as(library).contains("(" + BUNDLED.get(library));
      });
      // Every line names a license agp.jar may carry under META-INF/LICENSE's terms.
      assertThat(thirdParty.lines().filter(line -> line.startsWith("     ("))).hasSizeGreaterThan(10)
          .allSatisfy(line -> assertThat(line).containsPattern("^ +\\((The )?Apache (Software )?License, [Vv]ersion 2\\.0\\) "));
    }
  }
}
