package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.api.SessionsApi;
import org.junit.jupiter.api.Test;

/** The conventions people expect of a command-line tool. */
class ConventionsTest extends CliTestSupport {

  @Test
  void versionNamesTheBuildAndTheSpec() {
    Result version = agp("--version");
    assertThat(version.exit()).isZero();
    assertThat(version.out().strip()).matches("agp \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(sessions API spec "
        + SessionsApi.SPEC_VERSION.replace(".", "\\.") + "\\)");
  }

  @Test
  void helpIsACommandToo() {
    Result help = agp("help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: agp", "sessions", "completion");
    Result list = agp("sessions", "help", "list");
    assertThat(list.exit()).isZero();
    assertThat(list.out()).startsWith("Usage: agp sessions list");
  }

  @Test
  void completionCoversTheSpecsFilters() {
    Result bash = agp("completion", "bash");
    assertThat(bash.exit()).isZero();
    assertThat(bash.out()).startsWith("#!/usr/bin/env bash").contains("--created-after", "--parent-session-id", "tree");
    assertThat(agp("completion", "zsh").out()).contains("bashcompinit");
    // Option values too: the spec's enums, the formats, the regions.
    assertThat(bash.out()).contains("\"awaiting_tool_results\"", "\"me-in-organization\"", "\"jsonl\"", "\"us\"");
    assertThat(agp("completion", "fish").exit()).isEqualTo(2);
  }

  @Test
  void globalOptionsAreDocumentedOnceAndWorkAfterTheCommand() {
    Result listHelp = agp("sessions", "list", "--help");
    assertThat(listHelp.out()).doesNotContain("--base-url=URL", "--max-retries=N").contains("Global options (--base-url");
    assertThat(agp("--help").out()).contains("--base-url=URL", "--max-retries=N");
    Result sandboxHelp = agp("sandbox", "--help");
    assertThat(sandboxHelp.out()).doesNotContain("--base-url", "--verbose", "--sandbox").contains("--port");

    Result verboseAfter = agp("sessions", "list", "--size", "1", "--verbose");
    assertThat(verboseAfter.exit()).isZero();
    assertThat(verboseAfter.err()).contains("GET ");
  }

  @Test
  void aSpecParameterNamedLikeAnExistingOptionGetsAPrefixInsteadOfBreakingTheCommandLine() {
    picocli.CommandLine agp = AgpCli.commandLine(new Context(
        new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()),
        java.util.Map.of(), false), java.util.List.of(
        dev.agp.generated.runtime.QueryParameter.of("limit", "limit", dev.agp.generated.runtime.QueryParameter.Type.INTEGER,
            false, "A future filter."),
        dev.agp.generated.runtime.QueryParameter.of("parent_session_id", "parentSessionId",
            dev.agp.generated.runtime.QueryParameter.Type.STRING, false, "Parent.")));
    picocli.CommandLine.Model.CommandSpec list = agp.getSubcommands().get("sessions").getSubcommands().get("list")
        .getCommandSpec();
    assertThat(list.findOption("--query-limit")).isNotNull();
    assertThat(list.findOption("--limit").description()[0]).startsWith("Stop after N sessions");
    assertThat(list.findOption("--parent")).isNotNull();
  }

  @Test
  void anOptionGivenTwiceTakesItsLastValue() {
    Result twice = agp("sessions", "list", "--size", "1", "--size", "2", "--verbose", "--verbose");
    assertThat(twice.exit()).as(twice.err()).isZero();
    assertThat(listCalls()).singleElement().satisfies(c -> assertThat(c.queryParameter("size")).isEqualTo("2"));
  }

  @Test
  void aGlobalFlagGivenTwiceStaysSetAndAtSignsAreValues() {
    Result twice = agpWith(java.util.Map.of("H_API_KEY", "x"), "--sandbox", "sessions", "list", "--sandbox", "--size", "1");
    assertThat(twice.exit()).as(twice.err()).isZero();
    assertThat(twice.err()).startsWith("agp: using the embedded sandbox");
    Result at = agp("sessions", "list", "--search", "@team");
    assertThat(at.exit()).as(at.err()).isZero();
    assertThat(listCalls()).singleElement().satisfies(c -> assertThat(c.queryParameter("search")).isEqualTo("@team"));
    assertThat(agp("sessions", "list", "--version").out()).startsWith("agp ");
    Result typed = agp("sessions", "list", "--size", "1\u001b[2J");
    assertThat(typed.err()).contains("\\e[2J").doesNotContain("\u001b");
  }

  @Test
  void outputIsAnAliasOfFormat() {
    Result o = agp("sessions", "list", "--size", "2", "-o", "jsonl");
    Result output = agp("sessions", "list", "--size", "2", "--output", "jsonl");
    assertThat(o.exit()).isZero();
    assertThat(o.lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{"));
    assertThat(output.out()).isEqualTo(o.out());
  }
}
