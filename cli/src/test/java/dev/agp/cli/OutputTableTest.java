package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.model.SessionSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.OffsetDateTime;
import java.util.Map;
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

  @Test
  void wideAndCombiningCharactersKeepTheColumnsAligned() {
    // The cells each name takes on a terminal, counted by hand: the padding after it must fill its
    // 24-cell column, plus the two-space gap.
    Map<String, Integer> cells = Map.of("fast-searcher", 13, "検索エージェント", 16, "😀 emoji agent", 14,
        "cafe\u0301-agent", 10, "한국어 에이전트", 15, "✅ ⭐ ⌚ 🀄 🫠", 14, "\u1100\u1161\u11A8-jamo", 7);
    cells.forEach((agent, width) -> assertThat(row(agent, null))
        .as(agent).contains(agent + " ".repeat(24 - width + 2) + "running"));
  }

  @Test
  void aLongNameIsCutToItsColumnWithoutSplittingACharacter() {
    String cut = Output.cut("😀".repeat(30), 24);
    assertThat(Output.columns(cut)).isLessThanOrEqualTo(24);
    assertThat(cut).endsWith("…").doesNotContain("\uFFFD");
    assertThat(cut.codePoints().filter(c -> Character.isSurrogate((char) c))).isEmpty();
    assertThat(Output.cut("検索".repeat(20), 24)).isEqualTo("検索".repeat(5) + "検…");
    assertThat(Output.cut("short", 24)).isEqualTo("short");
  }

  @Test
  void aCutNeverSplitsWhatAReaderSeesAsOneCharacter() {
    String flags = "\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDEF\uD83C\uDDF5";              // two flags: FR, JP
    assertThat(Output.cut(flags, 3)).isEqualTo("\uD83C\uDDEB\uD83C\uDDF7…");          // one whole flag
    assertThat(Output.cut("a\uD83C\uDDEB\uD83C\uDDF7b", 3)).isEqualTo("a…");               // never half of one
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 ok";         // man ZWJ woman ZWJ girl
    assertThat(Output.visible(family)).isEqualTo(family).doesNotContain("?");         // the joiner is kept
    assertThat(Output.cut(family, 5)).isEqualTo("…");                                 // all of it, or none of it
    assertThat(Output.cut("e\u0301e\u0301e\u0301", 2)).isEqualTo("e\u0301…");         // a letter keeps its accent
    assertThat(Output.visible("a\u202Eb")).isEqualTo("a?b");                           // bidi overrides still go
  }

  @Test
  void aStatusOrIdLongerThanItsColumnIsCutSoThatTheRowKeepsItsShape() {
    SessionSummary session = new SessionSummary();
    session.setId("x".repeat(50));
    session.setAgent("agent");
    session.statusRaw("a_status_newer_than_this_sdk_and_very_long");
    StringWriter out = new StringWriter();
    Output.tableRow(new PrintWriter(out, true), session);
    String line = out.toString().stripTrailing();
    assertThat(line).startsWith("x".repeat(35) + "…  agent" + " ".repeat(19 + 2) + "a_status_newer_than_…  ");
  }

  @Test
  void cellsAreCountedAsTerminalsDraw() {
    assertThat(Output.columns("abc")).isEqualTo(3);
    assertThat(Output.columns("検索")).isEqualTo(4);
    assertThat(Output.columns("e\u0301")).isEqualTo(1);
    assertThat(Output.columns("😀")).isEqualTo(2);
  }
}
