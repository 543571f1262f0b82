package dev.agp.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How the sandbox applies each filter the spec declares for {@code GET /api/v2/sessions}. Most follow from
 * a naming rule, so that a filter added to the spec is applied without a line here:
 * <ul>
 *   <li>a parameter named like a field of the session ({@code status}, {@code agent}, {@code group_id},
 *       {@code schedule_id}, or any summary field) keeps the sessions whose field equals one of its values;
 *   <li>{@code X_before} / {@code X_after} keep the sessions whose date-time field {@code X_at} is before /
 *       after the instant (a session without it is left out).
 * </ul>
 * The rest have meanings no rule can guess, and are written here: {@code owner} (access scope),
 * {@code parent_session_id} (a manager's linked children), {@code search} (text match). A parameter that
 * fits none fails the sandbox at start, naming it: a filter the sandbox would silently ignore is a bug.
 */
final class ListFilters {

  /** Parameters that shape the page rather than choose sessions; the dispatcher applies them. */
  static final Set<String> PAGING = Set.of("page", "size", "sort");

  /** A filter: given the parameter's values (never empty), which sessions pass. */
  interface Filter {
    Predicate<SandboxSession> given(List<String> values);
  }

  private final Map<String, Filter> filters = new LinkedHashMap<>();

  /**
   * @param rules the spec's parameters
   * @param data the sessions (for a manager's children)
   * @throws IllegalStateException for a declared parameter the sandbox cannot apply
   */
  ListFilters(ListRules rules, SandboxData data) {
    Map<String, @Nullable Object> fields = fields(SandboxSession.builder("probe").build());
    List<String> unknown = new ArrayList<>();
    for (ListRules.Rule rule : rules.rules()) {
      String name = rule.name();
      if (PAGING.contains(name)) {
        continue;
      }
      Filter filter = switch (name) {
        // me and me-in-organization: the caller's own; organization and me-or-organization: everyone's here.
        case "owner" -> v -> s -> !(v.get(0).equals("me") || v.get(0).equals("me-in-organization"))
            || s.owner().equals(SandboxSession.OWNER_ME);
        case "parent_session_id" -> v -> {
          Set<String> children = new HashSet<>(data.childIds(v.get(0)));
          return s -> children.contains(s.id());
        };
        case "search" -> v -> s -> matches(s.firstMessage(), v.get(0)) || matches(answer(s), v.get(0));
        default -> byConvention(rule, fields);
      };
      if (filter == null) {
        unknown.add(name);
      } else {
        filters.put(name, filter);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("agp-sessions.yaml declares the list parameter(s) " + unknown + ", which the "
          + "sandbox cannot apply: no session field of that name, no X_at field for X_before/X_after, and no rule "
          + "of its own in ListFilters. Teach ListFilters the parameter's meaning.");
    }
  }

  /** @return the names of the filters applied, in the spec's order */
  Set<String> names() {
    return filters.keySet();
  }

  /**
   * @param values each declared parameter's values, defaults applied (see {@link ListRules#values})
   * @return whether a session passes every filter that has a value
   */
  Predicate<SandboxSession> predicate(Map<String, List<String>> values) {
    Predicate<SandboxSession> all = s -> true;
    for (Map.Entry<String, Filter> entry : filters.entrySet()) {
      List<String> given = values.getOrDefault(entry.getKey(), List.of());
      if (!given.isEmpty()) {
        all = all.and(entry.getValue().given(given));
      }
    }
    return all;
  }

  private static @Nullable Filter byConvention(ListRules.Rule rule, Map<String, @Nullable Object> fields) {
    String name = rule.name();
    if (fields.containsKey(name)) {
      // UUIDs compare without regard to case, as the live server parses them.
      boolean uuid = "uuid".equals(rule.format());
      return v -> s -> {
        String field = String.valueOf(fields(s).get(name));
        return v.stream().anyMatch(value -> uuid ? value.equalsIgnoreCase(field) : value.equals(field));
      };
    }
    for (String suffix : List.of("_before", "_after")) {
      String field = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) + "_at" : null;
      if (field != null && fields.containsKey(field)) {
        boolean before = suffix.equals("_before");
        return v -> {
          Instant bound = ListRules.instant(v.get(0));
          return s -> {
            Object at = fields(s).get(field);
            return at != null && (before ? Instant.parse(at.toString()).isBefore(bound) : Instant.parse(at.toString()).isAfter(bound));
          };
        };
      }
    }
    return null;
  }

  /** A session's fields by wire name: its summary, and what the sandbox keeps of it beyond the summary. */
  static Map<String, @Nullable Object> fields(SandboxSession s) {
    Map<String, @Nullable Object> fields = new LinkedHashMap<>(SandboxDispatcher.summaryJson(s));
    fields.put("group_id", s.groupId());
    fields.put("schedule_id", s.scheduleId());
    return fields;
  }

  /** The final answer of a session, as the sandbox makes one up. */
  static @Nullable String answer(SandboxSession s) {
    return s.status().equals("completed") ? "Done: " + s.firstMessage() : null;
  }

  private static boolean matches(@Nullable String text, String query) {
    return text != null && text.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT));
  }
}
