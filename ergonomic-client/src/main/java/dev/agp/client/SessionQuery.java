package dev.agp.client;

import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.runtime.OpenEnum;
import dev.agp.generated.model.SessionOwner;
import dev.agp.generated.model.SessionSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The filters, sort and page of a session listing. Immutable and thread-safe; build one with
 * {@link #builder()}.
 *
 * <pre>{@code
 * SessionQuery query = SessionQuery.builder()
 *     .status(LifecycleStatus.RUNNING, LifecycleStatus.PAUSED)
 *     .agent("web-price-finder")
 *     .sort(SessionSort.CREATED_AT_DESC)
 *     .pageSize(50)
 *     .build();
 * }</pre>
 *
 * <p>Everything left unset is omitted from the request, so the server's defaults apply (page 1, size 10,
 * newest first, owner {@code me-in-organization}). Multi-value filters are sent as repeated keys, and
 * values of one filter combine with OR; different filters combine with AND.
 *
 * <p>The builder validates as it goes and {@link Builder#build()} validates the whole: a bad value fails
 * with an {@link IllegalArgumentException} that says what is allowed, before any request is made.
 */
public final class SessionQuery {

  /** The smallest page number. */
  public static final int MIN_PAGE = 1;
  /** The smallest page size. */
  public static final int MIN_PAGE_SIZE = 1;
  /** The largest page size the API documents; the live server caps list sizes at 100. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** The page size the server uses when none is sent. */
  public static final int DEFAULT_PAGE_SIZE = 10;

  private static final SessionQuery ALL = builder().build();

  private final List<LifecycleStatus> statuses;
  private final List<String> statusesNewerThanSdk;
  private final List<String> agents;
  private final @Nullable String groupId;
  private final @Nullable String parentSessionId;
  private final @Nullable SessionOwner owner;
  private final @Nullable SessionSort sort;
  private final @Nullable Integer page;
  private final @Nullable Integer pageSize;

  private SessionQuery(Builder b) {
    this.statuses = List.copyOf(b.statuses);
    this.statusesNewerThanSdk = List.copyOf(b.statusesNewerThanSdk);
    this.agents = List.copyOf(b.agents);
    this.groupId = b.groupId;
    this.parentSessionId = b.parentSessionId;
    this.owner = b.owner;
    this.sort = b.sort;
    this.page = b.page;
    this.pageSize = b.pageSize;
  }

  /** @return a query with no filters: the server's defaults for everything */
  public static SessionQuery all() {
    return ALL;
  }

  /** @return a new, empty builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding this query's values, to derive a changed copy */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.statuses.addAll(statuses);
    b.statusesNewerThanSdk.addAll(statusesNewerThanSdk);
    b.agents.addAll(agents);
    b.groupId = groupId;
    b.parentSessionId = parentSessionId;
    b.owner = owner;
    b.sort = sort;
    b.page = page;
    b.pageSize = pageSize;
    return b;
  }

  /** @return the status filter, in the order given, without duplicates; empty for no filter */
  public List<LifecycleStatus> statuses() {
    return statuses;
  }

  /** @return status values newer than this SDK that are filtered on too (see {@link Builder#statusNewerThanSdk}) */
  public List<String> statusesNewerThanSdk() {
    return statusesNewerThanSdk;
  }

  /** @return the agent filter, in the order given, without duplicates; empty for no filter */
  public List<String> agents() {
    return agents;
  }

  /** @return the group filter, if set */
  public Optional<String> groupId() {
    return Optional.ofNullable(groupId);
  }

  /** @return the parent session filter, if set */
  public Optional<String> parentSessionId() {
    return Optional.ofNullable(parentSessionId);
  }

  /** @return the access scope, if set */
  public Optional<SessionOwner> owner() {
    return Optional.ofNullable(owner);
  }

  /** @return the sort order, if set */
  public Optional<SessionSort> sort() {
    return Optional.ofNullable(sort);
  }

  /** @return the page number (1-based), if set */
  public OptionalInt page() {
    return page == null ? OptionalInt.empty() : OptionalInt.of(page);
  }

  /** @return the page size, if set */
  public OptionalInt pageSize() {
    return pageSize == null ? OptionalInt.empty() : OptionalInt.of(pageSize);
  }

  /** @return the page size the server will use: the one set, else {@value #DEFAULT_PAGE_SIZE} */
  public int effectivePageSize() {
    return pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
  }

  // Accessors for the wire, where "unset" is null as the generated interface expects.
  @Nullable Integer pageOrNull() {
    return page;
  }

  @Nullable Integer pageSizeOrNull() {
    return pageSize;
  }

  @Nullable SessionSort sortOrNull() {
    return sort;
  }

  @Nullable SessionOwner ownerOrNull() {
    return owner;
  }

  @Nullable String groupIdOrNull() {
    return groupId;
  }

  @Nullable String parentSessionIdOrNull() {
    return parentSessionId;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SessionQuery)) {
      return false;
    }
    SessionQuery q = (SessionQuery) o;
    return statuses.equals(q.statuses)
        && statusesNewerThanSdk.equals(q.statusesNewerThanSdk)
        && agents.equals(q.agents)
        && Objects.equals(groupId, q.groupId)
        && Objects.equals(parentSessionId, q.parentSessionId)
        && owner == q.owner
        && sort == q.sort
        && Objects.equals(page, q.page)
        && Objects.equals(pageSize, q.pageSize);
  }

  @Override
  public int hashCode() {
    return Objects.hash(statuses, statusesNewerThanSdk, agents, groupId, parentSessionId, owner, sort, page, pageSize);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("SessionQuery{");
    List<String> allStatuses = wireStatuses();
    append(s, "status", allStatuses.isEmpty() ? null : allStatuses);
    append(s, "agent", agents.isEmpty() ? null : agents);
    append(s, "group_id", groupId);
    append(s, "parent_session_id", parentSessionId);
    append(s, "owner", owner);
    append(s, "sort", sort);
    append(s, "page", page);
    append(s, "size", pageSize);
    return s.append('}').toString();
  }

  private static void append(StringBuilder s, String name, @Nullable Object value) {
    if (value != null) {
      s.append(s.charAt(s.length() - 1) == '{' ? "" : ", ").append(name).append('=').append(value);
    }
  }

  /** Builds a {@link SessionQuery}. Not thread-safe; the query it builds is. */
  public static final class Builder {
    private final Set<LifecycleStatus> statuses = new LinkedHashSet<>();
    private final Set<String> statusesNewerThanSdk = new LinkedHashSet<>();
    private final Set<String> agents = new LinkedHashSet<>();
    private @Nullable String groupId;
    private @Nullable String parentSessionId;
    private @Nullable SessionOwner owner;
    private @Nullable SessionSort sort;
    private @Nullable Integer page;
    private @Nullable Integer pageSize;

    private Builder() {}

    /**
     * Adds statuses to the filter (repeatable; duplicates are dropped).
     *
     * @param statuses documented statuses; never {@code null} nor the unknown member
     * @return this builder
     * @throws IllegalArgumentException for {@code null} or the stand-in for newer values ({@link OpenEnum#isKnown()} false)
     */
    public Builder status(LifecycleStatus... statuses) {
      Objects.requireNonNull(statuses, "statuses");
      return statuses(Arrays.asList(statuses));
    }

    /**
     * Adds statuses to the filter (duplicates are dropped).
     *
     * @param statuses documented statuses; never {@code null} nor the unknown member
     * @return this builder
     * @throws IllegalArgumentException for {@code null} or the stand-in for newer values ({@link OpenEnum#isKnown()} false)
     */
    public Builder statuses(Collection<LifecycleStatus> statuses) {
      Objects.requireNonNull(statuses, "statuses");
      for (LifecycleStatus status : statuses) {
        this.statuses.add(sendable(status, "status", LifecycleStatus.class,
            " To filter on a status newer than this SDK, use statusNewerThanSdk(\"queued\")."));
      }
      return this;
    }

    /**
     * Escape hatch: adds a status value that this SDK's spec does not know yet (for example {@code queued}
     * or {@code awaiting_tool_results}), sent verbatim as another {@code status} key. Prefer
     * {@link #status(LifecycleStatus...)} for documented statuses; this method rejects them so that the
     * typed form is used wherever it exists.
     *
     * @param rawStatus the status as the server spells it: lower-case letters, digits and underscores
     * @return this builder
     * @throws IllegalArgumentException if blank, malformed, or a documented status
     */
    public Builder statusNewerThanSdk(String rawStatus) {
      String value = notBlank(rawStatus, "statusNewerThanSdk");
      if (!value.matches("[a-z][a-z0-9_]*")) {
        throw new IllegalArgumentException("statusNewerThanSdk must be one status as the server spells it "
            + "(lower-case letters, digits and underscores, for example \"queued\"), but was \"" + value + "\"");
      }
      LifecycleStatus known = LifecycleStatus.fromValue(value);
      if (known.isKnown()) {
        throw new IllegalArgumentException("\"" + value + "\" is a documented status: use status(LifecycleStatus."
            + known.name() + ") instead of statusNewerThanSdk");
      }
      statusesNewerThanSdk.add(value);
      return this;
    }

    /**
     * Adds agents to the filter (repeatable; duplicates are dropped).
     *
     * @param agents agent identifiers, for example {@code web-price-finder}; never {@code null} or blank
     * @return this builder
     * @throws IllegalArgumentException for a {@code null} or blank agent
     */
    public Builder agent(String... agents) {
      Objects.requireNonNull(agents, "agents");
      return agents(Arrays.asList(agents));
    }

    /**
     * Adds agents to the filter (duplicates are dropped).
     *
     * @param agents agent identifiers; never {@code null} or blank
     * @return this builder
     * @throws IllegalArgumentException for a {@code null} or blank agent
     */
    public Builder agents(Collection<String> agents) {
      Objects.requireNonNull(agents, "agents");
      for (String agent : agents) {
        this.agents.add(notBlank(agent, "agent"));
      }
      return this;
    }

    /**
     * Filters on a group id.
     *
     * @param groupId the group id; never blank
     * @return this builder
     */
    public Builder groupId(String groupId) {
      this.groupId = notBlank(groupId, "groupId");
      return this;
    }

    /**
     * Lists only the direct children of a session.
     *
     * @param parentSessionId the parent's session id; never blank
     * @return this builder
     */
    public Builder parentSessionId(String parentSessionId) {
      this.parentSessionId = notBlank(parentSessionId, "parentSessionId");
      return this;
    }

    /**
     * Sets the access scope.
     *
     * @param owner a documented scope; not the unknown member
     * @return this builder
     */
    public Builder owner(SessionOwner owner) {
      this.owner = sendable(owner, "owner", SessionOwner.class, "");
      return this;
    }

    /**
     * Sets the sort order.
     *
     * @param sort {@link SessionSort#CREATED_AT_DESC} (newest first, the server's default) or
     *     {@link SessionSort#CREATED_AT_ASC}
     * @return this builder
     */
    public Builder sort(SessionSort sort) {
      this.sort = sendable(sort, "sort", SessionSort.class, "");
      return this;
    }

    /**
     * Sets the page number.
     *
     * @param page 1 or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder page(int page) {
      if (page < MIN_PAGE) {
        throw new IllegalArgumentException("page must be " + MIN_PAGE + " or more (pages are 1-based), but was " + page);
      }
      this.page = page;
      return this;
    }

    /**
     * Sets the page size ({@code size} on the wire).
     *
     * @param pageSize from 1 to 1000; note that the live server answers sizes above 100 with 422
     * @return this builder
     * @throws IllegalArgumentException if outside 1..1000
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("pageSize must be between " + MIN_PAGE_SIZE + " and " + MAX_PAGE_SIZE
            + ", but was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the immutable query
     */
    public SessionQuery build() {
      return new SessionQuery(this);
    }

    private static String notBlank(@Nullable String value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " must not be null");
      }
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    private static <E extends Enum<E> & OpenEnum> E sendable(@Nullable E value, String name, Class<E> type, String hint) {
      if (value == null) {
        throw new IllegalArgumentException(name + " must not be null; allowed: " + allowed(type));
      }
      if (!value.isKnown()) {
        throw new IllegalArgumentException(type.getSimpleName() + "." + value.name() + " stands for values "
            + "newer than this SDK and cannot be sent as " + name + "; allowed: " + allowed(type) + "." + hint);
      }
      return value;
    }

    private static <E extends Enum<E> & OpenEnum> String allowed(Class<E> type) {
      return Arrays.stream(type.getEnumConstants())
          .filter(OpenEnum::isKnown)
          .map(Object::toString)
          .collect(Collectors.joining(", "));
    }
  }

  /** @return every status value to send, typed ones first, in wire form */
  List<String> wireStatuses() {
    List<String> values = new ArrayList<>(statuses.size() + statusesNewerThanSdk.size());
    statuses.forEach(s -> values.add(s.getValue()));
    values.addAll(statusesNewerThanSdk);
    return Collections.unmodifiableList(values);
  }
}
