package dev.agp.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's sessions: an in-memory, thread-safe store, seeded deterministically, that callers can add
 * their own sessions and trees to.
 *
 * <p>Listings are served newest first (or oldest first) from a sorted snapshot that is rebuilt only after a
 * change, so that paging through hundreds of thousands of sessions stays cheap.
 */
public final class SandboxData {

  /** The root of a manager tree four levels deep (3 children per node; 121 sessions in all). */
  public static final String DEEP_TREE_ROOT_ID = "deadbeef-0000-4000-8000-000000000001";
  /** A manager with 120 direct children: more than one page of 100. */
  public static final String WIDE_MANAGER_ID = "f00dcafe-0000-4000-8000-000000000120";
  /** A small manager with two children, each with two children of its own. */
  public static final String SMALL_TREE_ROOT_ID = "5eed0000-0000-4000-8000-000000000007";

  /** The seed of the default data set. */
  static final long DEFAULT_SEED = 42;
  /** When the default data set ends: the same data on every run. */
  static final Instant DEFAULT_NEWEST = Instant.parse("2026-05-07T14:30:00Z");
  /** The two schedules that created some of the default sessions. */
  public static final List<String> SCHEDULE_IDS = List.of(
      "0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f", "7e1d2c3b-4a59-4687-9a1b-2c3d4e5f6a7b");

  /** The statuses the generated sessions take (in the order that keeps the default data set as it was). */
  private static final List<String> STATUSES = List.of(
      "pending", "running", "paused", "idle", "completed", "failed", "timed_out", "interrupted",
      "queued", "awaiting_tool_results");
  private static final List<String> TERMINAL = List.of("completed", "failed", "timed_out", "interrupted");
  private static final List<String> AGENTS = List.of(
      "h/web-surfer-holo3-1-35b", "web-price-finder", "fast-searcher", "visual-verifier", "trip-planner");
  private static final List<String> GROUPS = List.of("trip-planning-001", "market-research-7", "nightly-qa");
  private static final List<String> TASKS = List.of(
      "Top 3 stories on Hacker News?", "Find direct flights CDG to NRT", "Search EV market-share figures for 2025",
      "Verify the 2025 figure on the source page", "Compare three hotel prices in São Bento, Lisbon", "Summarize today's AI news");
  private static final Comparator<SandboxSession> NEWEST_FIRST =
      Comparator.comparing(SandboxSession::createdAt).reversed().thenComparing(SandboxSession::id);

  private final Map<String, SandboxSession> byId = new LinkedHashMap<>();
  private final Map<String, List<String>> children = new LinkedHashMap<>();
  private final Random random;
  /** No session held was created after this (it only moves forward). */
  private Instant newest;
  /** No session held was created before this, or {@code null} when nothing was added since the last clear. */
  private @Nullable Instant oldest;
  private @Nullable List<SandboxSession> snapshot;

  SandboxData(long seed, Instant newest) {
    this.random = new Random(seed);
    this.newest = newest;
  }

  /** @return a store with the default data set (see {@link #seeded(long, Instant)}), seed 42 */
  static SandboxData defaults() {
    return seeded(DEFAULT_SEED, DEFAULT_NEWEST);
  }

  /**
   * The default data set: 300 top-level sessions across every status (including {@code queued} and
   * {@code awaiting_tool_results}), several agents and groups, a few with a null agent or first message,
   * twelve owned by a colleague, about one in five created by one of two {@link #SCHEDULE_IDS schedules};
   * plus the trees of {@link #DEEP_TREE_ROOT_ID}, {@link #WIDE_MANAGER_ID}
   * and {@link #SMALL_TREE_ROOT_ID}.
   */
  static SandboxData seeded(long seed, Instant base) {
    SandboxData data = new SandboxData(seed, base);
    for (int i = 0; i < 300; i++) {
      Instant created = base.minus(Duration.ofMinutes(7L * i + 3));
      SandboxSession.Builder s = data.generated(data.randomId(), created, null)
          .groupId(i % 7 == 0 ? GROUPS.get(i / 7 % GROUPS.size()) : null)
          .owner(i % 25 == 13 ? "colleague" : SandboxSession.OWNER_ME)
          .scheduleId(i % 9 == 4 ? SCHEDULE_IDS.get(i / 9 % 2) : null);
      if (i % 29 == 5) {
        s.agent(null);
      }
      if (i % 31 == 9) {
        s.firstMessage(null);
      }
      data.add(s.build());
    }
    data.addTree(DEEP_TREE_ROOT_ID, base.minus(Duration.ofMinutes(40)), 4, 3);
    data.addTree(WIDE_MANAGER_ID, base.minus(Duration.ofMinutes(90)), 1, 120);
    data.addTree(SMALL_TREE_ROOT_ID, base.minus(Duration.ofMinutes(130)), 2, 2);
    return data;
  }

  /** A generated session: realistic timestamps for its status. */
  private SandboxSession.Builder generated(String id, Instant created, @Nullable String parentId) {
    String status = STATUSES.get(random.nextInt(STATUSES.size()));
    boolean started = !status.equals("pending") && !status.equals("queued");
    boolean terminal = TERMINAL.contains(status);
    return SandboxSession.builder(id)
        .agent(AGENTS.get(random.nextInt(AGENTS.size())))
        .status(status)
        .firstMessage(TASKS.get(random.nextInt(TASKS.size())))
        .createdAt(created)
        .startedAt(started ? created.plusSeconds(1 + random.nextInt(3)) : null)
        .finishedAt(terminal ? created.plusSeconds(20 + random.nextInt(600)) : null)
        .parentId(parentId)
        .error(status.equals("failed") ? "The browser could not reach the start page." : null)
        .steps(started ? 1 + random.nextInt(40) : 0)
        .inlineAgent(random.nextInt(10) == 0);
  }

  /**
   * Adds a session (or replaces the one with the same id).
   *
   * @param session the session
   * @return this store
   */
  public synchronized SandboxData add(SandboxSession session) {
    Objects.requireNonNull(session, "session");
    SandboxSession previous = byId.put(key(session.id()), session);
    // A session replaced under the same parent keeps its place in the parent's list.
    boolean sameParent = previous != null && Objects.equals(previous.parentId(), session.parentId());
    if (previous != null && previous.parentId() != null && !sameParent) {
      children.getOrDefault(key(previous.parentId()), new ArrayList<>()).remove(previous.id());
    }
    if (session.parentId() != null && !sameParent) {
      children.computeIfAbsent(key(session.parentId()), k -> new ArrayList<>()).add(session.id());
    }
    if (session.createdAt().isAfter(newest)) {
      newest = session.createdAt();
    }
    if (oldest == null || session.createdAt().isBefore(oldest)) {
      oldest = session.createdAt();
    }
    snapshot = null;
    return this;
  }

  /**
   * Adds a manager tree: a root with {@code fanout} children per node, {@code depth} levels below it.
   *
   * @param rootId the root's id
   * @param created the root's creation time; descendants are created after it
   * @param depth levels below the root (1 means direct children only)
   * @param fanout children per node
   * @return the number of sessions added, root included
   */
  public synchronized int addTree(String rootId, Instant created, int depth, int fanout) {
    if (depth < 0 || fanout < 0) {
      throw new IllegalArgumentException("depth and fanout must be 0 or more");
    }
    add(generated(rootId, created, null).agent("h/manager").status("running").finishedAt(null)
        .startedAt(created.plusSeconds(1)).error(null).build());
    return 1 + addChildren(rootId, created, depth, fanout);
  }

  private int addChildren(String parentId, Instant parentCreated, int levels, int fanout) {
    int added = 0;
    for (int i = 0; i < fanout && levels > 0; i++) {
      String id = randomId();
      Instant created = parentCreated.plusSeconds(5L * (i + 1));
      add(generated(id, created, parentId).build());
      added += 1 + addChildren(id, created, levels - 1, fanout);
    }
    return added;
  }

  /**
   * Lists {@code childId} as a child of {@code parentId} too, without changing the child's own parent: the
   * way to build a cycle (an ancestor listed as a child) or a session listed under two parents.
   *
   * @param parentId the session that will list the child
   * @param childId the session listed
   * @return this store
   */
  public synchronized SandboxData linkChild(String parentId, String childId) {
    if (!byId.containsKey(key(childId))) {
      throw new IllegalArgumentException("no session " + childId);
    }
    children.computeIfAbsent(key(parentId), k -> new ArrayList<>()).add(childId);
    snapshot = null;
    return this;
  }

  /**
   * The sandbox's clock: no session held was created after it, and it moves forward as sessions are
   * inserted at the head. Served as the {@code Date} of every answer.
   *
   * @return the current time of the data set
   */
  synchronized Instant now() {
    return newest;
  }

  /**
   * Inserts sessions newer than every existing one, as if they were created right now.
   *
   * @param count how many
   * @return their ids, newest last
   */
  public synchronized List<String> insertAtHead(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      newest = newest.plusSeconds(1);
      String id = randomId();
      add(generated(id, newest, null).owner(SandboxSession.OWNER_ME).build());
      ids.add(id);
    }
    return ids;
  }

  /**
   * Inserts top-level sessions older than every existing one, each a second older than the last, so that
   * they sort at the end of the newest-first listing (and at the start of the oldest-first one).
   *
   * @param count how many
   * @return their ids, oldest last
   */
  public synchronized List<String> appendAtTail(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant created = (oldest == null ? newest : oldest).minusSeconds(1);
      String id = randomId();
      add(generated(id, created, null).owner(SandboxSession.OWNER_ME).build());
      ids.add(id);
    }
    return ids;
  }

  /**
   * Adds {@code count} plain top-level sessions, older than every existing one (for large listings).
   *
   * @param count how many
   * @return this store
   */
  public synchronized SandboxData addOldSessions(int count) {
    appendAtTail(count);
    return this;
  }

  /**
   * Removes every session.
   *
   * @return this store
   */
  public synchronized SandboxData clear() {
    byId.clear();
    children.clear();
    oldest = null;
    snapshot = null;
    return this;
  }

  /**
   * Looks a session up. Ids are UUIDs, which compare without regard to case (RFC 9562), as on the live API.
   *
   * @param id the id
   * @return the session, if held
   */
  public synchronized Optional<SandboxSession> get(String id) {
    return Optional.ofNullable(byId.get(key(id)));
  }

  /** Ids are UUIDs, which compare without regard to case: held and looked up by their lower-case form. */
  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  /** @return how many sessions are held */
  public synchronized int size() {
    return byId.size();
  }

  /**
   * The ids listed as children of a session, in creation order (extra links from {@link #linkChild} last).
   *
   * @param parentId the parent's id
   * @return the child ids
   */
  public synchronized List<String> childIds(String parentId) {
    return List.copyOf(children.getOrDefault(key(parentId), List.of()));
  }

  /** @return every session, newest first (a snapshot) */
  public synchronized List<SandboxSession> newestFirst() {
    if (snapshot == null) {
      List<SandboxSession> sorted = new ArrayList<>(byId.values());
      sorted.sort(NEWEST_FIRST);
      snapshot = List.copyOf(sorted);
    }
    return snapshot;
  }

  private String randomId() {
    return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }
}
