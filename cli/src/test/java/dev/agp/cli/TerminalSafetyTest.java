package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.ErrorResponse;
import dev.agp.sandbox.SandboxSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server text printed for people cannot drive the terminal; JSON stays exact. */
class TerminalSafetyTest extends CliTestSupport {

  private static final String HOSTILE_AGENT = "a\u001b[31mred\u0007  ag\u001b]0;title\u0007";
  private static final String HOSTILE_MESSAGE = "line one\nforged-row\tx\u009b2J\u202eevil\u200b";
  private static final String ID = "11111111-2222-4333-8444-555555555555";

  @Test
  void tableAndTreeShowControlCharactersAsVisibleText() {
    sandbox.data().add(SandboxSession.builder(ID).agent(HOSTILE_AGENT).firstMessage(HOSTILE_MESSAGE)
        .createdAt(Instant.parse("2027-01-01T00:00:00Z")).build());

    Result table = agp("sessions", "list", "--size", "1");
    Result tree = agp("sessions", "tree", ID);
    Result status = agp("sessions", "get", ID, "--format", "table");

    for (Result result : List.of(table, tree, status)) {
      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out().chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f))
          .as("control characters in %s", result.out()).isEmpty();
      assertThat(result.out()).doesNotContain("\u202e", "\u200b").contains("a\\e[31mred?");
    }
    assertThat(table.lines()).hasSize(2);
    assertThat(table.lines().get(1)).startsWith(ID).contains("line one forged-row x?2J?evil?");
  }

  @Test
  void jsonlKeepsTheExactTextEscapedByTheEncoder() {
    sandbox.data().add(SandboxSession.builder(ID).agent(HOSTILE_AGENT).firstMessage(HOSTILE_MESSAGE)
        .createdAt(Instant.parse("2027-01-01T00:00:00Z")).build());

    Result jsonl = agp("sessions", "list", "--size", "1", "--format", "jsonl");

    assertThat(jsonl.out()).doesNotContain("\u001b", "\u0007").contains("\\u001b[31mred\\u0007");
    Map<?, ?> line = (Map<?, ?>) Output.JSON.fromJsonValue(parse(jsonl.lines().get(0)));
    assertThat(line.get("agent")).isEqualTo(HOSTILE_AGENT);
  }

  @Test
  void anErrorMessageFromTheServerCannotDriveTheTerminal() {
    StringWriter err = new StringWriter();
    ErrorHandler handler = new ErrorHandler(new Context(new PrintWriter(new StringWriter()), new PrintWriter(err),
        Map.of(), false));
    AgpApiException hostile = new AgpApiException(new ErrorResponse(500, "GET", "/api/v2/sessions",
        "boom\u001b[2J\u001b]0;pwned\u0007\nerror: forged", List.of(), Map.of()));

    handler.handleExecutionException(hostile, null, null);

    assertThat(err.toString()).isEqualTo("error: HTTP 500: boom\\e[2J\\e]0;pwned? error: forged\n");
  }

  private static Object parse(String json) {
    try {
      return Output.JSON.fromJson(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
