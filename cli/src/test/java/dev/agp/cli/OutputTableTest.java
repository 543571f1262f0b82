package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.model.SessionSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list table lines up on a terminal whatever the script of the server's text. */
class OutputTableTest {

  private static String row(String agent, String message) {
    SessionSummary session = new SessionSummary();
    session.setId("aa616abe-1761-4c9a-a743-67bd738597dc");
    session.setAgent(agent);
    session.statusRaw("running");
    session.setCreatedAt(OffsetDateTime.parse("2026-11-30T03:19:36Z"));
    StringWriter out = new StringWriter();
    Output.tableRow(new PrintWriter(out, true), session);
    return out.toString().stripTrailing();
  }

  /** @return the terminal cell at which "running" starts */
  private static int statusCell(String line) {
    return Output.columns(line.substring(0, line.indexOf("running")));
  }

  @Test
  void wideAndCombiningCharactersKeepTheColumnsAligned() {
    int ascii = statusCell(row("fast-searcher", null));
    for (String agent : List.of("検索エージェント", "😀 emoji agent", "cafe\u0301-agent", "한국어 에이전트")) {
      assertThat(statusCell(row(agent, null))).as(agent).isEqualTo(ascii);
    }
  }

  @Test
  void aLongNameIsCutToItsColumnWithoutSplittingACharacter() {
    String cut = Output.cut("😀".repeat(30), 24);
    assertThat(Output.columns(cut)).isLessThanOrEqualTo(24);
    assertThat(cut).endsWith("…").doesNotContain("\uFFFD");
    assertThat(cut.codePoints().filter(Character::isSurrogate)).isEmpty();
    assertThat(Output.cut("検索".repeat(20), 24)).isEqualTo("検索".repeat(5) + "検…");
    assertThat(Output.cut("short", 24)).isEqualTo("short");
  }

  @Test
  void cellsAreCountedAsTerminalsDraw() {
    assertThat(Output.columns("abc")).isEqualTo(3);
    assertThat(Output.columns("検索")).isEqualTo(4);
    assertThat(Output.columns("e\u0301")).isEqualTo(1);
    assertThat(Output.columns("😀")).isEqualTo(2);
  }
}
