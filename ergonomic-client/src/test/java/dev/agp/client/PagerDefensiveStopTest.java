package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.client.errors.AgpDecodingException;
import dev.agp.generated.model.SessionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A misbehaving server never hangs or loops the pager: each case is scripted response by response. */
class PagerDefensiveStopTest extends MockServerTestBase {

  private List<String> walk(int pageSize) {
    List<String> ids = new ArrayList<>();
    SessionPager pager = client().sessions().listAll(SessionQuery.builder().pageSize(pageSize).build()).concurrency(1);
    for (SessionSummary s : pager) {
      ids.add(s.getId());
    }
    return ids;
  }

  private List<String> targets() throws InterruptedException {
    List<String> targets = new ArrayList<>();
    for (int i = server.getRequestCount(); i > 0; i--) {
      targets.add(server.takeRequest(1, TimeUnit.SECONDS).getTarget());
    }
    return targets;
  }

  @Test
  void stopsAtTheFirstEmptyPageEvenIfTotalSaysMore() throws Exception {
    enqueueJson(200, Json.page(1, 6, "a", "b"));
    enqueueJson(200, Json.page(2, 6));

    assertThat(walk(2)).containsExactly("a", "b");
    assertThat(targets()).containsExactly("/api/v2/sessions?page=1&size=2", "/api/v2/sessions?page=2&size=2");
  }

  @Test
  void stopsWhenAPageYieldsNoNewSessionWhileNothingMoved() throws Exception {
    // A server that ignores the page parameter and answers page 1 forever.
    for (int i = 0; i < 5; i++) {
      enqueueJson(200, Json.page(1, 6, "a", "b"));
    }

    assertThat(walk(2)).containsExactly("a", "b");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void stopsWhenTotalIsNegative() {
    enqueueJson(200, Json.page(1, -1, "a"));
    assertThat(walk(2)).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void stopsWhenTotalShrinksBelowWhatWasAlreadyYielded() {
    enqueueJson(200, Json.page(1, 6, "a", "b"));
    enqueueJson(200, Json.page(2, 1, "c", "d"));
    enqueueJson(200, Json.page(3, 1, "e", "f"));

    assertThat(walk(2)).containsExactly("a", "b");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anOverfullPageIsADecodingError() {
    enqueueJson(200, Json.page(1, 6, "a", "b", "c"));

    assertThatThrownBy(() -> walk(2))
        .isInstanceOf(AgpDecodingException.class)
        .hasMessageContaining("holds 3 items but only 2 were requested");
  }

  @Test
  void aTotalThatNeverStopsGrowingCannotRepairForever() {
    // Every answer claims 2 more sessions than the last and repeats the same two: the repairs are capped
    // and the repeated pages stop the walk.
    for (int i = 0; i < 200; i++) {
      enqueueJson(200, Json.page(1, 4 + 2L * i, "a", "b"));
    }
    assertThat(walk(2)).containsExactly("a", "b");
    assertThat(server.getRequestCount()).isLessThan(40);
  }

  @Test
  void aPageWithATotalOfZeroEndsTheWalk() {
    enqueueJson(200, Json.page(1, 0));
    assertThat(walk(2)).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
