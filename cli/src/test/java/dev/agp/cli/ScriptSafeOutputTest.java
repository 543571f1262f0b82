package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What scripts read from stdout is either what they asked for or clearly partial, never misleading. */
class ScriptSafeOutputTest extends CliTestSupport {

  @Test
  void aFailedRequestWritesNothingToStdoutNotEvenTheHeader() {
    sandbox.faults().failNext(5, 500);
    for (String format : new String[] {"table", "json", "jsonl"}) {
      Result result = agp("--max-retries", "0", "sessions", "list", "--format", format);
      assertThat(result.exit()).isEqualTo(1);
      assertThat(result.out()).as(format).isEmpty();
      assertThat(result.err()).contains("error: HTTP 500");
    }
  }

  @Test
  void jsonIsACompleteArrayOrNothingWhileJsonlKeepsWhatWasProven() {
    sandbox.faults().negativeTotalFromPage(2);

    Result json = agp("sessions", "list", "--all", "--size", "20", "--format", "json", "--concurrency", "1");
    Result jsonl = agp("sessions", "list", "--all", "--size", "20", "--format", "jsonl", "--concurrency", "1");

    assertThat(json.exit()).isEqualTo(1);
    assertThat(json.out()).isEmpty();
    assertThat(jsonl.exit()).isEqualTo(1);
    assertThat(jsonl.lines()).isNotEmpty().hasSizeLessThan(300).allSatisfy(line -> assertThat(line).startsWith("{\"id\":"));
  }

  @Test
  void anEmptyTableStillHasItsHeaderOnceTheAnswerCame() {
    Result result = agp("sessions", "list", "--group-id", "no-such-group");
    assertThat(result.exit()).isZero();
    assertThat(result.lines()).singleElement().satisfies(line -> assertThat(line).startsWith("ID"));
  }

  @Test
  void aReaderThatGoesAwayStopsTheWalkWithExitZero() {
    sandbox.faults().latency(Duration.ofMillis(5));
    ClosingAfterFirstLine stdout = new ClosingAfterFirstLine();
    StringWriter err = new StringWriter();

    int exit = AgpCli.run(new String[] {"sessions", "list", "--all", "--size", "10", "--format", "jsonl"},
        new PrintWriter(new PrintStream(stdout, true), true), new PrintWriter(err, true), env(), false);

    assertThat(exit).as(err.toString()).isZero();
    assertThat(stdout.lines).isEqualTo(1);
    // The first window (4 requests) and at most one more: not the 30-odd pages of the whole listing.
    assertThat(listCalls().size()).isLessThanOrEqualTo(8);
    assertThat(err.toString()).doesNotContain("error");
  }

  /** Stands for {@code | head -1}: takes one line, then the pipe is closed. */
  private static final class ClosingAfterFirstLine extends OutputStream {
    int lines;

    @Override
    public void write(int b) throws IOException {
      if (lines >= 1) {
        throw new IOException("Broken pipe");
      }
      if (b == '\n') {
        lines++;
      }
    }
  }
}
