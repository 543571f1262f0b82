package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agp.generated.model.SessionSummary;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link Frontier}: what a walk sorted by creation time has yielded, in both orders. */
class FrontierTest {

  private static final OffsetDateTime T = OffsetDateTime.of(2024, 5, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  private static SessionSummary session(String id, OffsetDateTime created) {
    return new SessionSummary().id(id).createdAt(created);
  }

  private static SessionSummary at(String id, long secondsAfterT) {
    return session(id, T.plusSeconds(secondsAfterT));
  }

  @Test
  void anEmptyFrontierHasEverythingAfterItAndIsReachedByEverything() {
    for (boolean newestFirst : new boolean[] {true, false}) {
      Frontier frontier = new Frontier(newestFirst);

      assertThat(frontier.isEmpty()).isTrue();
      assertThat(frontier.lastId()).isNull();
      assertThat(frontier.isAfter(at("a", 0))).isTrue();
      assertThat(frontier.isReachedBy(at("a", 0))).isTrue();
      // Nothing is compared yet, so a session without created_at is no error here.
      SessionSummary undated = new SessionSummary().id("u");
      assertThat(frontier.isAfter(undated)).isTrue();
      assertThat(frontier.isReachedBy(undated)).isTrue();
    }
  }

  @Test
  void advancingMakesItNonEmptyAndRemembersTheLastId() {
    Frontier frontier = new Frontier(true);

    frontier.advanceTo(at("a", 10));

    assertThat(frontier.isEmpty()).isFalse();
    assertThat(frontier.lastId()).isEqualTo("a");

    frontier.advanceTo(at("b", 5));
    assertThat(frontier.lastId()).isEqualTo("b");

    frontier.advanceTo(at("c", 5));
    assertThat(frontier.lastId()).isEqualTo("c");
  }

  @Test
  void newestFirstOlderSessionsComeAfterAndNewerOnesReachIt() {
    Frontier frontier = new Frontier(true);
    frontier.advanceTo(at("f", 0));

    SessionSummary older = at("older", -1);
    SessionSummary newer = at("newer", 1);

    assertThat(frontier.isAfter(older)).isTrue();
    assertThat(frontier.isReachedBy(older)).isFalse();
    assertThat(frontier.isAfter(newer)).isFalse();
    assertThat(frontier.isReachedBy(newer)).isTrue();
  }

  @Test
  void oldestFirstNewerSessionsComeAfterAndOlderOnesReachIt() {
    Frontier frontier = new Frontier(false);
    frontier.advanceTo(at("f", 0));

    SessionSummary older = at("older", -1);
    SessionSummary newer = at("newer", 1);

    assertThat(frontier.isAfter(newer)).isTrue();
    assertThat(frontier.isReachedBy(newer)).isFalse();
    assertThat(frontier.isAfter(older)).isFalse();
    assertThat(frontier.isReachedBy(older)).isTrue();
  }

  @Test
  void theComparisonIsByInstantToTheNanosecond() {
    Frontier newestFirst = new Frontier(true);
    newestFirst.advanceTo(session("f", T));
    Frontier oldestFirst = new Frontier(false);
    oldestFirst.advanceTo(session("f", T));

    SessionSummary aNanoLater = session("later", T.plusNanos(1));
    SessionSummary aNanoEarlier = session("earlier", T.minusNanos(1));

    assertThat(newestFirst.isAfter(aNanoLater)).isFalse();
    assertThat(newestFirst.isAfter(aNanoEarlier)).isTrue();
    assertThat(oldestFirst.isAfter(aNanoLater)).isTrue();
    assertThat(oldestFirst.isAfter(aNanoEarlier)).isFalse();
  }

  @Test
  void atTheSameInstantOnlyTheIdsYieldedThereReachIt() {
    for (boolean newestFirst : new boolean[] {true, false}) {
      Frontier frontier = new Frontier(newestFirst);
      frontier.advanceTo(at("a", 0));
      frontier.advanceTo(at("b", 0));

      for (String seen : new String[] {"a", "b"}) {
        assertThat(frontier.isAfter(at(seen, 0))).as("%s, newest first %s", seen, newestFirst).isFalse();
        // Yielded, yet not proof: a server may order the sessions of one instant differently next time.
        assertThat(frontier.isReachedBy(at(seen, 0))).as("%s, newest first %s", seen, newestFirst).isFalse();
      }
      // Created in the same instant but not yielded: after the frontier, not reaching it.
      assertThat(frontier.isAfter(at("c", 0))).isTrue();
      assertThat(frontier.isReachedBy(at("c", 0))).isFalse();
    }
  }

  @Test
  void movingToAnotherInstantForgetsTheIdsOfTheOldOne() {
    Frontier frontier = new Frontier(true);
    frontier.advanceTo(at("a", 10));
    frontier.advanceTo(at("b", 5));

    // "a" is no longer remembered: at its own time it is before the frontier, which is all that matters...
    assertThat(frontier.isReachedBy(at("a", 10))).isTrue();
    assertThat(frontier.isAfter(at("a", 10))).isFalse();
    // ...and were "a" now at the frontier's instant, it would be new there.
    assertThat(frontier.isAfter(at("a", 5))).isTrue();
    assertThat(frontier.isReachedBy(at("a", 5))).isFalse();
    assertThat(frontier.isAfter(at("b", 5))).isFalse();
    assertThat(frontier.isReachedBy(at("b", 5))).isFalse();
    assertThat(frontier.yieldedAtInstant()).isEqualTo(1);
  }

  @Test
  void movingWithinTheSameInstantKeepsTheIdsSeenThere() {
    Frontier frontier = new Frontier(false);
    frontier.advanceTo(at("a", 5));
    frontier.advanceTo(at("b", 5));
    frontier.advanceTo(at("c", 5));

    assertThat(frontier.isAfter(at("a", 5))).isFalse();
    assertThat(frontier.isAfter(at("b", 5))).isFalse();
    assertThat(frontier.isAfter(at("c", 5))).isFalse();
    assertThat(frontier.isAfter(at("d", 5))).isTrue();
    assertThat(frontier.yieldedAtInstant()).isEqualTo(3);
  }

  @Test
  void anIdYieldedAtTheFrontierIsJudgedByItsTimeWhenSeenAtAnother() {
    for (boolean newestFirst : new boolean[] {true, false}) {
      Frontier frontier = new Frontier(newestFirst);
      frontier.advanceTo(at("a", 0));
      SessionSummary afterInListing = at("a", newestFirst ? -1 : 1);
      SessionSummary beforeInListing = at("a", newestFirst ? 1 : -1);

      assertThat(frontier.isAfter(afterInListing)).as("newest first %s", newestFirst).isTrue();
      assertThat(frontier.isReachedBy(afterInListing)).as("newest first %s", newestFirst).isFalse();
      assertThat(frontier.isAfter(beforeInListing)).as("newest first %s", newestFirst).isFalse();
      assertThat(frontier.isReachedBy(beforeInListing)).as("newest first %s", newestFirst).isTrue();
    }
  }

  @Test
  void theSameInstantAtAnotherOffsetIsTheSameTime() {
    OffsetDateTime utc = T;
    OffsetDateTime plusTwo = T.withOffsetSameInstant(ZoneOffset.ofHours(2));
    OffsetDateTime minusFive = T.withOffsetSameInstant(ZoneOffset.ofHours(-5));
    assertThat(plusTwo.equals(utc)).as("equals() tells the offsets apart").isFalse();

    for (boolean newestFirst : new boolean[] {true, false}) {
      Frontier frontier = new Frontier(newestFirst);
      frontier.advanceTo(session("a", utc));

      // The same id at another offset is the same session at the same time.
      assertThat(frontier.isAfter(session("a", plusTwo))).isFalse();
      assertThat(frontier.isReachedBy(session("a", plusTwo))).isFalse();
      // Another id at the same instant, written at another offset: new there.
      assertThat(frontier.isAfter(session("b", plusTwo))).isTrue();
      assertThat(frontier.isReachedBy(session("b", plusTwo))).isFalse();

      // Advancing to it at another offset stays at the same instant: "a" is still remembered.
      frontier.advanceTo(session("b", plusTwo));
      assertThat(frontier.isAfter(session("a", minusFive))).isFalse();
      assertThat(frontier.yieldedAtInstant()).isEqualTo(2);
      assertThat(frontier.isAfter(session("b", utc))).isFalse();
      assertThat(frontier.isAfter(session("c", minusFive))).isTrue();
    }
  }

  @Test
  void aSessionWithoutCreatedAtIsAProgrammingError() {
    Frontier frontier = new Frontier(true);
    SessionSummary undated = new SessionSummary().id("undated-1");

    assertThatThrownBy(() -> frontier.advanceTo(undated))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("session undated-1 has no created_at");
    // Nothing moved.
    assertThat(frontier.isEmpty()).isTrue();
    assertThat(frontier.lastId()).isNull();

    frontier.advanceTo(at("a", 0));
    assertThatThrownBy(() -> frontier.isAfter(undated))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("undated-1");
    assertThatThrownBy(() -> frontier.isReachedBy(undated))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("undated-1");
    assertThatThrownBy(() -> frontier.advanceTo(undated))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("undated-1");
    assertThat(frontier.lastId()).isEqualTo("a");
    assertThat(frontier.isAfter(at("a", 0))).isFalse();
  }
}
