package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./agp} launcher as people run it: through a symbolic link, making its class-data
 * sharing archive once, remaking it after a JDK change, and starting from it with nothing on stderr.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherIT {

  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path ARCHIVE = TARGET.resolve("agp.jsa");
  private static final Path STAMP = TARGET.resolve("agp.jsa.jdk");

  @TempDir static Path bin;
  private static Path link;

  private record Run(int exit, String out, String err) {}

  @BeforeAll
  static void linkTheLauncherFromElsewhere() throws IOException {
    Path launcher = Path.of("..", "agp").toAbsolutePath().normalize();
    assertThat(launcher).isExecutable();
    // Two hops, the second relative, as ~/bin/agp -> ../opt/agp-link -> the checkout's agp.
    Path hop = Files.createSymbolicLink(bin.resolve("agp-link"), launcher);
    Files.createDirectories(bin.resolve("bin"));
    link = Files.createSymbolicLink(bin.resolve("bin").resolve("agp"), Path.of("..", "agp-link"));
    assertThat(hop).isSymbolicLink();
    Files.deleteIfExists(ARCHIVE);
    Files.deleteIfExists(STAMP);
  }

  @AfterAll
  static void removeTheLinks() throws IOException {
    // Before @TempDir's clean-up, which warns about links that lead out of it.
    Files.deleteIfExists(link);
    Files.deleteIfExists(bin.resolve("agp-link"));
  }

  private static Run agp(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(link.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(bin.toFile());
    builder.environment().remove("H_API_KEY");
    builder.environment().remove("HAI_API_KEY");
    builder.environment().remove("AGP_BASE_URL");
    builder.environment().remove("AGP_JAVA_OPTS");
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  @Order(1)
  void theFirstRunMakesTheArchiveAndPrintsOnlyItsAnswer() throws Exception {
    Run run = agp(Map.of(), "--version");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("agp ").contains("sessions API spec");
    assertThat(run.err()).isEmpty();
    assertThat(ARCHIVE).isNotEmptyFile();
    assertThat(STAMP).isNotEmptyFile();
    assertThat(TARGET).isDirectoryNotContaining("glob:**/agp.jsa.[0-9]*");
  }

  @Test
  @Order(2)
  void laterRunsMapTheArchiveWithPicocliInItAndDoNotRemakeIt() throws Exception {
    FileTime made = Files.getLastModifiedTime(ARCHIVE);

    // -Xshare:on makes an unusable archive fatal instead of silently slow. The command is the one the
    // archive was made from, so that every class it loads should come from the archive.
    Path classes = bin.resolve("classes.log");
    Path cds = bin.resolve("cds.log");
    Run run = agp(Map.of("AGP_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + classes + " -Xlog:cds=info:file=" + cds),
        "--sandbox", "--no-progress", "sessions", "list", "--size", "3");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("ID ");
    assertThat(Files.getLastModifiedTime(ARCHIVE)).isEqualTo(made);
    assertThat(Files.readAllLines(classes))
        .anySatisfy(line -> assertThat(line).contains("picocli.CommandLine source: shared objects file"))
        .anySatisfy(line -> assertThat(line).contains("dev.agp.cli.AgpCli source: shared objects file"))
        // Every one of picocli's classes. As Java 5 class files (without the build's upgrade), those that a
        // lambda made at dump time links are kept out, and all of them are verified at every start.
        .noneSatisfy(line -> assertThat(line).contains(" picocli.").doesNotContain("source: shared objects file"));
    // The archived module graph: JDK 17 uses it under G1 only (20 ms of every start otherwise).
    assertThat(Files.readString(cds)).contains("full module graph: enabled");
  }

  @Test
  @Order(3)
  void aDifferentJdkRemakesTheArchive() throws Exception {
    // The stamp as the launcher wrote it (the archive's size, the jar's path and size, the java that made
    // it, the launcher's recipe, that JDK's release file), with only the release file different: a JDK
    // upgraded in place.
    List<String> stamp = Files.readAllLines(STAMP);
    assertThat(stamp.get(1)).isEqualTo(TARGET.resolve("agp.jar").toString());
    assertThat(stamp.get(3)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toRealPath().toString());
    Files.writeString(STAMP, String.join("\n", stamp.subList(0, 5)) + "\nJAVA_VERSION=\"0.0.1\"\n");
    // Still newer than the jar, so that only the JDK's stamp can make the launcher remake it.
    FileTime jar = Files.getLastModifiedTime(TARGET.resolve("agp.jar"));
    Files.setLastModifiedTime(ARCHIVE, FileTime.fromMillis(jar.toMillis() + 1_000));
    FileTime before = Files.getLastModifiedTime(ARCHIVE);

    Run run = agp(Map.of("AGP_JAVA_OPTS", "-Xshare:on"), "--version");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(Files.getLastModifiedTime(ARCHIVE)).isGreaterThan(before);
    assertThat(Files.readString(STAMP)).contains("JAVA_VERSION=\"" + System.getProperty("java.specification.version"));
  }

  @Test
  @Order(4)
  void aDamagedArchiveIsRemadeInsteadOfCrashingEveryStart() throws Exception {
    // Truncated (a full disk, a copy cut short): mapping it would crash the JVM (SIGBUS) at every start.
    long size = Files.size(ARCHIVE);
    assertThat(ARCHIVE.toFile().setWritable(true)).isTrue();
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(ARCHIVE,
        java.nio.file.StandardOpenOption.WRITE)) {
      channel.truncate(size / 2);
    }
    FileTime jar = Files.getLastModifiedTime(TARGET.resolve("agp.jar"));
    Files.setLastModifiedTime(ARCHIVE, FileTime.fromMillis(jar.toMillis() + 1_000));

    Run run = agp(Map.of("AGP_JAVA_OPTS", "-Xshare:on"), "--version");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(Files.size(ARCHIVE)).isGreaterThan(size / 2);
    assertThat(TARGET).isDirectoryNotContaining("glob:**/hs_err_pid*.log");
  }

  @Test
  @Order(5)
  void anArchiveMadeForAnotherCheckoutIsRemade() throws Exception {
    // A checkout moved or copied elsewhere: the JVM refuses an archive made for another jar path (and with it
    // the JDK's own archive), so every start would be slower than with none. The stamp names the jar.
    List<String> stamp = new ArrayList<>(Files.readAllLines(STAMP));
    stamp.set(1, "/elsewhere/cli/target/agp.jar");
    Files.writeString(STAMP, String.join("\n", stamp) + "\n");
    FileTime before = Files.getLastModifiedTime(ARCHIVE);

    Run run = agp(Map.of("AGP_JAVA_OPTS", "-Xshare:on"), "--version");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(Files.getLastModifiedTime(ARCHIVE)).isGreaterThan(before);
    assertThat(Files.readAllLines(STAMP).get(1)).isEqualTo(TARGET.resolve("agp.jar").toString());
  }
}
