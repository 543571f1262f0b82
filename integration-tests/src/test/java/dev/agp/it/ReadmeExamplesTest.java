package dev.agp.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of the README compiles against the SDK as built, so that the examples cannot rot: each
 * block becomes a method body, given the variables the README leaves to the reader ({@code client},
 * {@code managerId}, {@code log}) unless the block declares them.
 */
class ReadmeExamplesTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final String IMPORTS = String.join("\n",
      "import static java.lang.System.Logger.Level.WARNING;",
      "import static org.assertj.core.api.Assertions.assertThat;",
      "import dev.agp.client.*;",
      "import dev.agp.client.errors.*;",
      "import dev.agp.generated.api.SessionsApi;",
      "import dev.agp.generated.api.SessionsApi.ListSessionsParams;",
      "import dev.agp.generated.model.*;",
      "import dev.agp.generated.runtime.AgpRetrofit;",
      "import dev.agp.sandbox.*;",
      "import java.time.*;",
      "import java.util.*;",
      "import java.util.concurrent.*;",
      "import java.util.stream.*;",
      "import okhttp3.HttpUrl;",
      "import okhttp3.OkHttpClient;");
  /** The variables the README's examples use without declaring them, and their types. */
  private static final String[][] GIVEN = {{"AgpClient", "client"}, {"String", "managerId"}, {"System.Logger", "log"}};

  @TempDir Path classes;

  @Test
  void everyJavaExampleOfTheReadmeCompiles() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<JavaFileObject> sources = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(readme);
    while (block.find()) {
      int line = (int) readme.substring(0, block.start()).lines().count() + 2;
      String code = block.group(1);
      List<String> parameters = new ArrayList<>();
      for (String[] given : GIVEN) {
        boolean used = Pattern.compile("\\b" + given[1] + "\\b").matcher(code).find();
        boolean declared = Pattern.compile("\\b" + Pattern.quote(given[0]) + "\\s+" + given[1] + "\\b").matcher(code).find();
        if (used && !declared) {
          parameters.add(given[0] + " " + given[1]);
        }
      }
      String name = "ReadmeLine" + line;
      String source = IMPORTS + "\n\nclass " + name + " {\n  void example(" + String.join(", ", parameters)
          + ") throws Exception {\n" + code + "\n  }\n}\n";
      sources.add(new SimpleJavaFileObject(java.net.URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      });
    }
    assertThat(sources).as("the README's java blocks").hasSizeGreaterThanOrEqualTo(6);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean compiled = compiler.getTask(null, null, diagnostics,
        List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
        null, sources).call();

    assertThat(compiled).as(() -> diagnostics.getDiagnostics().stream()
        .map(d -> "README.md line " + (readmeLine(d.getSource().getName()) + d.getLineNumber()) + ": "
            + d.getMessage(Locale.ROOT))
        .reduce("", (a, b) -> a + "\n" + b)).isTrue();
  }

  /** @return the offset from a generated source's line to the README's, from its name ReadmeLine<N> */
  private static long readmeLine(String sourceName) {
    int first = Integer.parseInt(sourceName.replaceAll(".*ReadmeLine([0-9]+)\\.java", "$1"));
    return first - IMPORTS.lines().count() - 4;
  }
}
