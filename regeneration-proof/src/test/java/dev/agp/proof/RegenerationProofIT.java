package dev.agp.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the spec drives everything: a copy of this repository whose spec gains a multi-value
 * query parameter ({@code id}) and a status ({@code archived}) is rebuilt with Maven, with no other edit,
 * and then the new parameter is settable through the ergonomic client (with a call's options, whose header
 * travels in the regenerated operation's header map), reaches the wire as repeated keys,
 * is applied by the sandbox, and is an option of {@code agp sessions list}; the new status is typed and
 * offered by the CLI.
 *
 * <p>A nested build of five modules, so it runs only under {@code -Pregeneration-proof}, which
 * {@code .ci/run} uses. The nested build packages into the copy and installs nothing. Extra Maven arguments
 * for it (such as {@code -o}) come from the system property {@code agp.proof.mavenArgs}.
 */
class RegenerationProofIT {

  private static final Path ROOT = Path.of(System.getProperty("agp.root", "..")).toAbsolutePath().normalize();
  private static final Set<String> NOT_COPIED = Set.of("target", "node_modules", ".git", ".idea");

  @Test
  void aNewMultiValueFilterAndStatusFlowFromTheSpecAloneToClientWireSandboxAndCli(@TempDir Path copy) throws Exception {
    copyRepository(ROOT, copy);
    Path spec = copy.resolve("openapi/src/main/openapi/agp-sessions.yaml");
    String original = Files.readString(spec);
    String changed = original
        .replaceFirst("\n        - name: owner\n", "\n        - name: id\n          in: query\n          required: false\n"
            + "          description: Only these sessions. Multi-value, one repeated key per value.\n"
            + "          style: form\n          explode: true\n          schema:\n            type: array\n"
            + "            items:\n              type: string\n              format: uuid\n"
            + "        - name: owner\n")
        .replaceFirst("\n        - interrupted\n", "\n        - interrupted\n        - archived\n");
    assertThat(changed).contains("- name: id\n", "- archived\n");
    Files.writeString(spec, changed);

    List<String> build = new ArrayList<>(List.of("mvn", "-B", "-q", "package", "-pl", "cli", "-am", "-DskipTests",
        "-Dmaven.javadoc.skip=true", "-Dmaven.source.skip=true"));
    String extra = System.getProperty("agp.proof.mavenArgs", "").trim();
    if (!extra.isEmpty()) {
      build.addAll(List.of(extra.split("\\s+")));
    }
    Run maven = run(copy, build, 900);
    assertThat(maven.exit()).as("the nested build of the changed spec:\n%s", maven.output()).isZero();
    Path jar = copy.resolve("cli/target/agp.jar");

    // The ergonomic client: a small program compiled against the rebuilt artifacts sets the new parameter.
    Path proof = copy.resolve("proof");
    Files.createDirectories(proof);
    Files.writeString(proof.resolve("Proof.java"), PROOF_PROGRAM);
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null,
        "-cp", jar.toString(), "-d", proof.toString(), proof.resolve("Proof.java").toString());
    assertThat(compiled).as("Proof.java compiles against the regenerated client").isZero();
    Run program = run(copy, List.of(java(), "-cp", jar + java.io.File.pathSeparator + proof, "Proof"), 120);
    assertThat(program.exit()).as(program.output()).isZero();
    assertThat(program.output()).contains("wire: /api/v2/sessions?id=", "&id=", "listed: 2", "archived known: true");
    // A call's options reach the request through the regenerated operation's header map (logged redacted).
    assertThat(program.output()).contains("header: X-Proof: [redacted]");

    // The CLI: the new parameter is an option with the spec's help, and the sandbox applies it.
    Run help = run(copy, List.of(java(), "-jar", jar.toString(), "sessions", "list", "--help"), 120);
    assertThat(help.output()).contains("--id=ID", "Only these sessions.", "archived");
    List<String> ids = program.output().lines().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
    assertThat(ids).hasSize(2);
    Run listed = run(copy, List.of(java(), "-jar", jar.toString(), "--sandbox", "--verbose", "sessions", "list",
        "--id", ids.get(0), "--id", ids.get(1), "--format", "jsonl"), 120);
    assertThat(listed.exit()).as(listed.output()).isZero();
    assertThat(listed.output()).contains("?id=" + ids.get(0) + "&id=" + ids.get(1));
    assertThat(listed.output().lines().filter(l -> l.startsWith("{"))).hasSize(2)
        .allSatisfy(l -> assertThat(ids.stream().anyMatch(l::contains)).isTrue());
  }

  /** Compiled and run against the regenerated jar; prints what the test checks. */
  private static final String PROOF_PROGRAM = """
      import dev.agp.client.AgpClient;
      import dev.agp.client.LogLevel;
      import dev.agp.client.RequestOptions;
      import dev.agp.client.SessionPage;
      import dev.agp.generated.api.SessionsApi.ListSessionsParams;
      import dev.agp.generated.model.LifecycleStatus;
      import dev.agp.sandbox.AgpSandbox;
      import dev.agp.sandbox.RecordedCall;
      import java.util.List;

      public class Proof {
        public static void main(String[] args) {
          try (AgpSandbox sandbox = AgpSandbox.start();
               AgpClient client = AgpClient.builder().baseUrl(sandbox.baseUrl()).apiKey(sandbox.apiKey())
                   .logLevel(LogLevel.HEADERS)
                   .logger(line -> { if (line.startsWith("    X-Proof:")) System.out.println("header: " + line.strip()); })
                   .build()) {
            List<String> two = List.of(sandbox.data().newestFirst().get(3).id(), sandbox.data().newestFirst().get(8).id());
            SessionPage page = client.sessions().list(ListSessionsParams.builder().id(two.get(0), two.get(1)).build(),
                RequestOptions.builder().header("X-Proof", "regenerated").build());
            List<RecordedCall> calls = sandbox.requests();
            System.out.println("wire: " + calls.get(calls.size() - 1).target());
            System.out.println("listed: " + page.items().size());
            page.items().forEach(s -> { if (!two.contains(s.getId())) throw new AssertionError("unexpected " + s.getId()); });
            two.forEach(id -> System.out.println("id: " + id));
            ListSessionsParams.builder().status(LifecycleStatus.ARCHIVED).build();
            System.out.println("archived known: " + LifecycleStatus.ARCHIVED.isKnown());
          }
        }
      }
      """;

  private record Run(int exit, String output) {}

  private static Run run(Path dir, List<String> command, long timeoutSeconds) throws Exception {
    Path log = Files.createTempFile("agp-proof", ".log");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
          + Files.readString(log));
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(process.exitValue(), output);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void copyRepository(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
