package dev.agp.client;

import dev.agp.generated.model.SessionSummary;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.Collections;

/**
 * The reference model of a session listing: sessions ordered by creation time, changed by inserts (at the
 * head, the tail or anywhere) and deletes (anywhere) between the moments the server answers. Pure and
 * deterministic: no HTTP, no clock, no threads.
 */
final class ListingModel {

  /** A session as the model knows it: the order key (creation time, then id) and the id. */
  record Entry(long created, String id) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int byTime = Long.compare(created, o.created);
      return byTime != 0 ? byTime : id.compareTo(o.id);
    }
  }

  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  /** Room between two consecutive creation times, so that inserts in the middle find a free time. */
  private static final long SPACING = 1_000_000;

  /** Oldest first, kept sorted; the newest-first listing reads it backwards. */
  private final List<Entry> sessions = new ArrayList<>();
  private final Set<String> everDeleted = new HashSet<>();
  private final Set<String> original = new HashSet<>();
  private final boolean ties;
  private int nextId;
  private long newest;
  private long oldest;

  /**
   * @param size how many sessions exist at the start
   * @param ties whether some sessions share a creation time (ordered by id, as a server's tie-break would)
   */
  ListingModel(int size, boolean ties) {
    this.ties = ties;
    long created = 0;
    for (int i = 0; i < size; i++) {
      created += ties && i % 3 == 1 ? 0 : SPACING;
      add(created);
    }
    newest = created;
    oldest = 0;
    sessions.forEach(e -> original.add(e.id()));
  }

  private Entry add(long created) {
    Entry entry = new Entry(created, String.format("%08x-0000-4000-8000-%012x", nextId, nextId));
    nextId++;
    int at = Collections.binarySearch(sessions, entry);
    sessions.add(at < 0 ? -at - 1 : at, entry);
    return entry;
  }

  int size() {
    return sessions.size();
  }

  void insertAtHead(int count) {
    for (int i = 0; i < count; i++) {
      newest += SPACING;
      add(newest);
    }
  }

  void insertAtTail(int count) {
    for (int i = 0; i < count; i++) {
      oldest -= SPACING;
      add(oldest);
    }
  }

  /** Inserts a session at a random creation time between the oldest and the newest. */
  void insertInMiddle(Random random) {
    long span = Math.max(1, newest - oldest);
    long created = oldest + (long) (random.nextDouble() * span);
    if (!ties) {
      created = created - Math.floorMod(created, SPACING) + 1 + random.nextInt((int) SPACING - 1);
    }
    add(created);
  }

  /** Deletes the {@code count} newest sessions. */
  void deleteNewest(int count) {
    for (int i = 0; i < count && !sessions.isEmpty(); i++) {
      everDeleted.add(sessions.remove(sessions.size() - 1).id());
    }
  }

  void deleteRandom(Random random) {
    if (sessions.isEmpty()) {
      return;
    }
    Entry victim = sessions.remove(random.nextInt(sessions.size()));
    everDeleted.add(victim.id());
  }

  /** @return one page of the listing at this moment, with the total at this moment */
  SessionPage page(int page, int size, boolean newestFirst) {
    int total = sessions.size();
    long from = (long) (page - 1) * size;
    List<SessionSummary> items = new ArrayList<>();
    for (long i = from; i < Math.min(total, from + size); i++) {
      items.add(summary(sessions.get(newestFirst ? total - 1 - (int) i : (int) i)));
    }
    return new SessionPage(items, page, size, total);
  }

  /** @return the ids of the sessions that existed at the start and were never deleted: the guarantee's scope */
  Set<String> survivors() {
    Set<String> survivors = new HashSet<>(original);
    survivors.removeAll(everDeleted);
    return survivors;
  }

  /** @return every id that ever existed */
  Set<String> everExisted() {
    Set<String> all = new HashSet<>(everDeleted);
    sessions.forEach(e -> all.add(e.id()));
    return all;
  }

  static SessionSummary summary(Entry entry) {
    return new SessionSummary()
        .id(entry.id())
        .statusRaw("running")
        .createdAt(OffsetDateTime.ofInstant(EPOCH.plusNanos(entry.created() * 1_000), ZoneOffset.UTC));
  }
}
