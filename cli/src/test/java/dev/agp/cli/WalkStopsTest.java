package dev.agp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.agp.client.TreeOptions;
import dev.agp.sandbox.SandboxData;
import dev.agp.sandbox.SandboxSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End to end, against a sandbox whose listing moves or breaks the contract: a walk that cannot show it saw
 * everything prints what it yielded (each session once), then {@code error: <what happened, in numbers>}
 * on stderr and exit code 1; never output that reads as complete. And {@code tree --max-nodes}.
 */
class WalkStopsTest extends CliTestSupport {

  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
  /** Every walk in this class ends, however the sandbox misbehaves; this only guards against a hang. */
  private static final long GUARD_SECONDS = 60;

  private static String id(String jsonLine) {
    try {
      return (String) ((Map<?, ?>) JSON.fromJson(jsonLine)).get("id");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> ids(Result result) {
    return result.lines().stream().map(WalkStopsTest::id).toList();
  }

  /**
   * The stop's message counts the sessions the walk yielded, each once; the user must have seen exactly
   * those: none lost between the walk and the output when it stopped.
   */
  private static void assertPrintedWhatTheMessageCounts(Result result) {
    Matcher yielded = Pattern.compile("with (\\d+) sessions yielded \\(each once\\)").matcher(result.err());
    assertThat(yielded.find()).as(result.err()).isTrue();
    assertThat(result.lines()).as("sessions printed, against the count in the message (fewer printed: the walk "
        + "counted a batch as yielded and failed before handing it over): " + result.err())
        .hasSize(Integer.parseInt(yielded.group(1)));
  }

  /** The ids the default listing (owner me, newest first) holds now. */
  private List<String> listing() {
    return sandbox.data().newestFirst().stream().filter(s -> s.owner().equals(SandboxSession.OWNER_ME))
        .map(SandboxSession::id).toList();
  }

  // ---- list --all -------------------------------------------------------------------------------------

  @RepeatedTest(10)
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void headInsertsDuringTheWalkNeitherDuplicateNorLoseASession() {
    sandbox.faults().insertAtHeadOnEveryList(3);
    List<String> before = listing();

    Result result = agp("--concurrency", "4", "sessions", "list", "--all", "--size", "20", "--format", "jsonl");

    List<String> printed = ids(result);
    assertThat(printed).as("printed twice").doesNotHaveDuplicates();
    if (result.exit() == 0) {
      assertThat(printed).as("every session that existed before the run").containsAll(before);
      assertThat(result.err()).isEmpty();
    } else {
      // Allowed only as an honest stop: the listing outran the walk's request budget.
      assertThat(result.exit()).as(result.err()).isEqualTo(1);
      assertThat(result.err()).startsWith("error: The listing could not be walked to its end: ")
          .contains("budget").endsWith("\n");
      assertThat(result.err().lines()).hasSize(1);
      assertPrintedWhatTheMessageCounts(result);
    }
  }

  /**
   * Sequentially, no request is planned ahead and then thrown away, so 3 inserts per request (well under
   * half a page) fit the budget: the walk always completes, and the guarantee is shown every time.
   */
  @RepeatedTest(5)
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void headInsertsDuringASequentialWalkListEveryOriginalExactlyOnce() {
    sandbox.faults().insertAtHeadOnEveryList(3);
    List<String> before = listing();

    Result result = agp("--concurrency", "1", "sessions", "list", "--all", "--size", "20", "--format", "jsonl");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(ids(result)).doesNotHaveDuplicates().containsAll(before);
  }

  @Test
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void repeatedPagesPrintTheFirstPageOnceThenFail() {
    sandbox.faults().repeatPages();
    List<String> firstPage = listing().subList(0, 20);

    Result result = agp("sessions", "list", "--all", "--size", "20", "--format", "jsonl");

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    assertThat(ids(result)).containsExactlyElementsOf(firstPage);
    assertThat(result.err()).startsWith("error: The listing could not be walked to its end: ")
        .contains("repeat pages").contains("held only sessions already yielded")
        .contains("with 20 sessions yielded (each once)");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void repeatedPagesInTheTableShowTheRowsPrintedAndNothingMore() {
    sandbox.faults().repeatPages();
    List<String> firstPage = listing().subList(0, 20);

    Result result = agp("sessions", "list", "--all", "--size", "20");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.lines()).hasSize(21);
    assertThat(result.lines().get(0)).startsWith("ID");
    assertThat(result.lines().subList(1, 21)).extracting(line -> line.substring(0, 36)).containsExactlyElementsOf(firstPage);
    assertThat(result.err()).startsWith("error: The listing could not be walked to its end: ");
  }

  @Test
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void aFailedWalkInJsonWritesNothing() throws IOException {
    sandbox.faults().repeatPages();

    Result result = agp("sessions", "list", "--all", "--size", "20", "--format", "json");

    assertThat(result.exit()).isEqualTo(1);
    // A complete array or nothing: a script cannot take 20 sessions for all of them.
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: The listing could not be walked to its end: ");

    // A walk that completes still closes its array.
    sandbox.faults().clear();
    Result complete = agp("sessions", "list", "--limit", "3", "--format", "json");
    assertThat(complete.exit()).isZero();
    assertThat(new Moshi.Builder().build().adapter(List.class).fromJson(complete.out())).hasSize(3);
  }

  @Test
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void aSessionRepeatedWithinAPageIsNamed() {
    sandbox.faults().repeatIdsWithinPages();
    String repeated = listing().get(0);

    Result result = agp("sessions", "list", "--all", "--size", "20", "--format", "jsonl");

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("error: The listing could not be walked to its end: ")
        .contains("lists session " + repeated + " more than once");
    assertPrintedWhatTheMessageCounts(result);
  }

  @Test
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void aNegativeTotalFromPage2StopsAfterPage1() {
    sandbox.faults().negativeTotalFromPage(2);
    List<String> firstPage = listing().subList(0, 20);

    Result result = agp("sessions", "list", "--all", "--size", "20", "--format", "jsonl");

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    assertThat(ids(result)).containsExactlyElementsOf(firstPage);
    assertThat(result.err()).startsWith("error: The listing could not be walked to its end: ")
        .contains("reported a total of -1").contains("with 20 sessions yielded (each once)");
  }

  @Test
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void aTailThatGrowsAPageEveryRequestEndsOnTheBudget() {
    sandbox.faults().growTailOnEveryList(20);
    List<String> before = listing();

    Result result = agp("sessions", "list", "--all", "--size", "20", "--format", "jsonl");

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: The listing could not be walked to its end: ")
        .contains("the walk used its budget of ");
    assertThat(result.err().lines()).hasSize(1);
    assertPrintedWhatTheMessageCounts(result);
    List<String> printed = ids(result);
    assertThat(printed).doesNotHaveDuplicates();
    // Newest first, the growing tail comes after every session listed before, so those come first (in
    // listing order but for sessions created in the same instant, whose order the walk does not keep); the
    // budget may end the walk before all of them.
    assertThat(before).containsAll(printed.subList(0, Math.min(printed.size(), before.size())));
  }

  // ---- tree -------------------------------------------------------------------------------------------

  @Test
  @Timeout(value = GUARD_SECONDS, unit = TimeUnit.SECONDS)
  void aChildListThatCannotBeWalkedNamesItsParent() {
    sandbox.faults().negativeTotalFromPage(1);

    Result result = agp("sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--format", "jsonl");

    assertThat(result.exit()).as(result.err()).isEqualTo(1);
    assertThat(ids(result)).containsExactly(SandboxData.DEEP_TREE_ROOT_ID);
    assertThat(result.err()).isEqualTo("error: while listing the children of session " + SandboxData.DEEP_TREE_ROOT_ID
        + ": " + result.err().substring(result.err().indexOf("The listing")));
    assertThat(result.err()).contains("page 1 reported a total of -1");
  }

  @Test
  void maxNodesStopsTheTreeWithANoteAndExitCode0() {
    Result result = agp("sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--max-nodes", "3");

    assertThat(result.exit()).isZero();
    assertThat(result.lines()).hasSize(3);
    assertThat(result.lines().get(0)).startsWith(SandboxData.DEEP_TREE_ROOT_ID + "  h/manager");
    assertThat(result.err()).isEqualTo("agp: stopped at --max-nodes 3; the tree has more sessions\n");
  }

  @Test
  void maxNodesOfTheWholeTreeSaysNothing() {
    Result result = agp("sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--max-nodes", "121", "--format", "jsonl");

    assertThat(result.exit()).isZero();
    assertThat(result.lines()).hasSize(121);
    assertThat(result.err()).isEmpty();

    Result one = agp("sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--max-nodes", "1", "--format", "jsonl");
    assertThat(ids(one)).containsExactly(SandboxData.DEEP_TREE_ROOT_ID);
    assertThat(one.err()).isEqualTo("agp: stopped at --max-nodes 1; the tree has more sessions\n");
  }

  @Test
  void maxNodesZeroIsAUsageErrorBeforeAnyRequest() {
    Result result = agp("sessions", "tree", SandboxData.DEEP_TREE_ROOT_ID, "--max-nodes", "0");

    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("agp: --max-nodes must be 1 or more (1 is the root alone), but was 0\n");
    assertThat(sandbox.requests()).isEmpty();
  }

  @Test
  void theHelpSaysTheDefaultAndTheExitCode() {
    Result result = agp("sessions", "tree", "--help");

    assertThat(result.exit()).isZero();
    String help = String.join(" ", result.out().split("\\s+"));
    assertThat(help).contains("--max-nodes=N").contains("(default " + TreeOptions.DEFAULT_MAX_NODES + ")")
        .contains("note on stderr and exit code 0");
  }
}
