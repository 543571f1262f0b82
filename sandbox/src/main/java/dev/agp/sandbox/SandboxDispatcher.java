package dev.agp.sandbox;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/** Serves the sessions API from {@link SandboxData}, validating requests as strictly as the real server. */
final class SandboxDispatcher extends Dispatcher {

  private static final Pattern SESSION = Pattern.compile("/api/v2/sessions/([^/]+)");
  private static final Pattern STATUS = Pattern.compile("/api/v2/sessions/([^/]+)/status");
  private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).serializeNulls();

  private final String apiKey;
  private final SandboxData data;
  private final SandboxFaults faults;
  private final ListRules rules;
  private final ListFilters filters;
  private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private final @Nullable LiveSessions live;

  SandboxDispatcher(String apiKey, SandboxData data, SandboxFaults faults, @Nullable LiveSessions live) {
    this.apiKey = apiKey;
    this.live = live;
    this.data = data;
    this.faults = faults;
    this.rules = ListRules.fromClasspath();
    for (String paging : ListFilters.PAGING) {
      if (rules.rules().stream().noneMatch(r -> r.name().equals(paging) && r.defaultValue() != null)) {
        throw new IllegalStateException("agp-sessions.yaml's list operation must declare " + paging
            + " with a default: the sandbox pages with it");
      }
    }
    this.filters = new ListFilters(rules, data);
  }

  List<RecordedCall> calls() {
    return Collections.unmodifiableList(calls);
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  void resetStats() {
    calls.clear();
    maxInFlight.set(inFlight.get());
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      long latency = faults.latency().toMillis();
      if (latency > 0) {
        Thread.sleep(latency);
      }
      Answer answer = answer(request);
      HttpUrl url = request.getUrl();
      Map<String, List<String>> query = new LinkedHashMap<>();
      for (String name : url.queryParameterNames()) {
        query.put(name, List.copyOf(url.queryParameterValues(name)));
      }
      calls.add(new RecordedCall(request.getMethod(), url.encodedPath(), request.getTarget(), query, answer.status));
      MockResponse.Builder response = new MockResponse.Builder()
          .code(answer.status)
          .addHeader("Content-Type", "application/json")
          .addHeader("X-Request-Id", "sandbox-" + calls.size())
          // The data set's clock, as a real server's Date agrees with the created_at it stamps.
          .addHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(data.now().atOffset(ZoneOffset.UTC)))
          .body(answer.body);
      if (answer.retryAfter != null) {
        response.addHeader("Retry-After", answer.retryAfter);
      }
      if (answer.broken) {
        // Marks a body broken on purpose, so that contract checks can tell it from a sandbox bug.
        response.addHeader(AgpSandbox.BROKEN_BODY_HEADER, "true");
      }
      return response.build();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** A status, a body, an optional Retry-After, and whether the body was deliberately broken. */
  private record Answer(int status, String body, @Nullable String retryAfter, boolean broken) {
    Answer(int status, String body, @Nullable String retryAfter) {
      this(status, body, retryAfter, false);
    }

    static Answer json(int status, Object body) {
      return new Answer(status, JSON.toJson(body), null);
    }
  }

  private Answer answer(RecordedRequest request) {
    if (live != null) {
      live.advance(data);
    }
    if (!("Bearer " + apiKey).equals(request.getHeaders().get("Authorization"))) {
      return Answer.json(401, Map.of("message", "Unauthorized"));
    }
    SandboxFaults.Fault fault = faults.poll();
    if (fault != null && fault.kind() == SandboxFaults.Kind.STATUS) {
      return new Answer(fault.status(), JSON.toJson(Map.of("detail", "Injected failure")), fault.retryAfter());
    }
    if (fault != null && fault.kind() == SandboxFaults.Kind.MALFORMED) {
      return new Answer(200, "<html>this is not JSON</html>", null, true);
    }
    Answer answer = route(request);
    if (fault != null && fault.kind() == SandboxFaults.Kind.TRUNCATED && answer.status == 200) {
      return new Answer(200, answer.body.substring(0, answer.body.length() / 2), null, true);
    }
    return answer;
  }

  private Answer route(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (!request.getMethod().equals("GET")) {
      return Answer.json(405, Map.of("detail", "Method Not Allowed"));
    }
    if (path.equals("/api/v2/sessions") || path.equals("/api/v2/sessions/")) {
      return list(request.getUrl());
    }
    Matcher status = STATUS.matcher(path);
    if (status.matches()) {
      return withSession(HttpUrl.parse("http://x/" + status.group(1)).pathSegments().get(0),
          s -> Answer.json(200, statusJson(s)));
    }
    Matcher session = SESSION.matcher(path);
    if (session.matches()) {
      return withSession(HttpUrl.parse("http://x/" + session.group(1)).pathSegments().get(0),
          s -> Answer.json(200, sessionJson(s)));
    }
    return Answer.json(404, Map.of("detail", "Not Found"));
  }

  private Answer withSession(String id, java.util.function.Function<SandboxSession, Answer> found) {
    if (!ListRules.isUuid(id)) {
      return Answer.json(422, Map.of("detail", List.of(ListRules.uuidError(List.of("path", "id"), id))));
    }
    return data.get(id).map(found).orElseGet(() -> Answer.json(404, Map.of("detail", "Session not found.")));
  }

  private Answer list(HttpUrl url) {
    List<Map<String, Object>> errors = new ArrayList<>();
    Map<String, List<String>> query = rules.values(url, errors);
    if (!errors.isEmpty()) {
      return Answer.json(422, Map.of("detail", errors));
    }
    long page = Long.parseLong(query.get("page").get(0));
    int size = Integer.parseInt(query.get("size").get(0));
    String sort = query.get("sort").get(0);
    List<String> parent = query.getOrDefault("parent_session_id", List.of());
    String parentId = parent.isEmpty() ? null : parent.get(0);
    Integer branchFailure = faults.childListFailure(parentId);
    if (branchFailure != null) {
      return Answer.json(branchFailure, Map.of("detail", "Injected failure listing the children of " + parentId));
    }
    SandboxFaults.ListFaults listFaults = faults.listFaults();
    if (parentId == null && listFaults.headInserts() > 0) {
      data.insertAtHead(listFaults.headInserts());
    }
    if (parentId == null && listFaults.tailInserts() > 0) {
      data.appendAtTail(listFaults.tailInserts());
    }
    if (page > 1) {
      int insert = faults.insertionsForPageRequest();
      if (insert > 0) {
        data.insertAtHead(insert);
      }
    }

    Predicate<SandboxSession> filter = filters.predicate(query);
    List<SandboxSession> source = data.newestFirst();
    List<SandboxSession> matching = source.stream().filter(filter).toList();
    if (sort.equals("created_at")) {
      List<SandboxSession> reversed = new ArrayList<>(matching);
      Collections.reverse(reversed);
      matching = reversed;
    }
    Map<String, Object> truthful = page(matching, page, size);
    Map<String, Object> served = listFaults.repeatPages() ? page(matching, 1, size) : new LinkedHashMap<>(truthful);
    if (listFaults.repeatIds()) {
      List<?> items = (List<?>) served.get("items");
      served.put("items", items.isEmpty() ? List.of() : Collections.nCopies(items.size(), items.get(0)));
      served.put("total", items.size());
    }
    if (listFaults.negativeTotalFromPage() > 0 && page >= listFaults.negativeTotalFromPage()) {
      served.put("total", -1);
    }
    // An answer that a standing fault changed breaks the contract on purpose: mark it as such.
    return new Answer(200, JSON.toJson(served), null, !served.equals(truthful));
  }

  /** The honest answer for one page of a listing. */
  private static Map<String, Object> page(List<SandboxSession> matching, long page, int size) {
    // A page far beyond the listing is empty, however large its number (no overflow).
    long from = page - 1 > matching.size() / Math.max(1, size) + 1 ? matching.size() : (page - 1) * size;
    List<Object> items = new ArrayList<>();
    for (long i = from; i < Math.min(matching.size(), from + size); i++) {
      items.add(summaryJson(matching.get((int) i)));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("page", page);
    body.put("total", matching.size());
    return body;
  }

  static Map<String, Object> summaryJson(SandboxSession s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("agent", s.agent());
    json.put("status", s.status());
    json.put("first_message", s.firstMessage() == null ? null : messageJson(s.firstMessage()));
    json.put("created_at", time(s.createdAt()));
    json.put("started_at", time(s.startedAt()));
    json.put("finished_at", time(s.finishedAt()));
    // Fields the live API sends that the documentation page does not list.
    json.put("agent_view_url", "https://platform.hcompany.ai/sessions/" + s.id());
    json.put("last_activity_at", time(s.finishedAt() != null ? s.finishedAt() : s.startedAt()));
    json.put("anonymized_at", null);
    return json;
  }

  private Map<String, Object> sessionJson(SandboxSession s) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("agent", s.inlineAgent()
        ? Map.of("name", s.agent() == null ? "inline-agent" : s.agent(), "model", "holo3-1-35b")
        : s.agent() == null ? "inline-agent" : s.agent());
    request.put("messages", s.firstMessage() == null ? List.of() : List.of(messageJson(s.firstMessage())));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", s.id());
    json.put("request", request);
    json.put("status", statusJson(s));
    json.put("agent_view_url", "https://platform.hcompany.ai/sessions/" + s.id());
    json.put("latest_answer", ListFilters.answer(s));
    json.put("created_at", time(s.createdAt()));
    json.put("started_at", time(s.startedAt()));
    json.put("finished_at", time(s.finishedAt()));
    return json;
  }

  private Map<String, Object> statusJson(SandboxSession s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", s.status());
    json.put("error", s.error());
    json.put("error_code", switch (s.status()) {
      case "failed" -> "environment_error";
      case "timed_out" -> "timeout";
      default -> null;
    });
    json.put("outcome", s.status().equals("completed") ? "success" : null);
    json.put("steps", s.steps());
    json.put("usage_per_model", s.steps() == 0 ? List.of() : List.of(Map.of(
        "name", "holo3-1-35b", "input_tokens", 1200 * s.steps(), "output_tokens", 40 * s.steps(), "reasoning_tokens", 0)));
    json.put("subagent_session_ids", data.childIds(s.id()));
    return json;
  }

  private static Map<String, Object> messageJson(String text) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "user_message");
    json.put("message", text);
    json.put("images", List.of());
    json.put("caller_id", "user");
    return json;
  }

  private static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
