package dev.agp.client;

import dev.agp.generated.api.SessionsApi;
import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.model.SessionSummary;
import dev.agp.generated.model.SessionSummaryPage;
import dev.agp.generated.runtime.AgpMoshi;
import com.squareup.moshi.JsonAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The session calls of {@link SessionService}, answering with the HTTP status and headers alongside the
 * decoded body. Obtain it from {@link SessionService#withRawResponse()}.
 *
 * <pre>{@code
 * ApiResponse<SessionPage> response = client.sessions().withRawResponse().list(query);
 * response.requestId().ifPresent(id -> log.info("request id {}", id));
 * }</pre>
 */
public final class RawSessionService {

  private static final JsonAdapter<SessionSummaryPage> PAGE = AgpMoshi.get().adapter(SessionSummaryPage.class);
  private static final Endpoint<Session> SESSION = new Endpoint<>(
      "retrieve session", AgpMoshi.get().adapter(Session.class), RawSessionService::checkSession);
  private static final Endpoint<SessionStatus> STATUS = new Endpoint<>(
      "session status", AgpMoshi.get().adapter(SessionStatus.class), RawSessionService::checkStatus);

  private final SessionsApi api;
  private final Transport transport;

  RawSessionService(SessionsApi api, Transport transport) {
    this.api = api;
    this.transport = transport;
  }

  /**
   * Lists one page of sessions.
   *
   * @param query filters, sort and page
   * @return the page with the response's status and headers
   * @throws dev.agp.client.errors.AgpException on any failure, after retries
   */
  public ApiResponse<SessionPage> list(SessionQuery query) {
    return toPage(transport.execute(listRequest(query), listEndpoint(query)), query);
  }

  /**
   * Lists one page of sessions without blocking.
   *
   * @param query filters, sort and page
   * @return a future of the page; it fails with an {@link dev.agp.client.errors.AgpException}
   */
  public CompletableFuture<ApiResponse<SessionPage>> listAsync(SessionQuery query) {
    return Futures.map(transport.executeAsync(listRequest(query), listEndpoint(query)), response -> toPage(response, query));
  }

  /**
   * Retrieves one session.
   *
   * @param id the session id
   * @return the session with the response's status and headers
   * @throws IllegalArgumentException if {@code id} is null or blank
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public ApiResponse<Session> retrieve(String id) {
    return transport.execute(api.getSession(requireId(id)).request(), SESSION);
  }

  /**
   * Retrieves one session without blocking.
   *
   * @param id the session id
   * @return a future of the session
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public CompletableFuture<ApiResponse<Session>> retrieveAsync(String id) {
    return transport.executeAsync(api.getSession(requireId(id)).request(), SESSION);
  }

  /**
   * Reads a session's live status.
   *
   * @param id the session id
   * @return the status with the response's status and headers
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public ApiResponse<SessionStatus> status(String id) {
    return transport.execute(api.getSessionStatus(requireId(id)).request(), STATUS);
  }

  /**
   * Reads a session's live status without blocking.
   *
   * @param id the session id
   * @return a future of the status
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public CompletableFuture<ApiResponse<SessionStatus>> statusAsync(String id) {
    return transport.executeAsync(api.getSessionStatus(requireId(id)).request(), STATUS);
  }

  private Request listRequest(SessionQuery query) {
    Request request = api.listSessions(
            query.pageOrNull(),
            query.pageSizeOrNull(),
            query.sortOrNull(),
            query.statuses().isEmpty() ? null : query.statuses(),
            query.agents().isEmpty() ? null : query.agents(),
            query.groupIdOrNull(),
            query.parentSessionIdOrNull(),
            query.ownerOrNull())
        .request();
    if (query.statusesNewerThanSdk().isEmpty()) {
      return request;
    }
    // The generated interface only takes documented statuses; newer ones are appended as further keys.
    HttpUrl.Builder url = request.url().newBuilder();
    query.statusesNewerThanSdk().forEach(status -> url.addQueryParameter("status", status));
    return request.newBuilder().url(url.build()).build();
  }

  private static Endpoint<SessionSummaryPage> listEndpoint(SessionQuery query) {
    int size = query.effectivePageSize();
    return new Endpoint<>("list sessions", PAGE, page -> checkPage(page, size));
  }

  private static ApiResponse<SessionPage> toPage(ApiResponse<SessionSummaryPage> response, SessionQuery query) {
    SessionSummaryPage body = response.body();
    SessionPage page = new SessionPage(body.getItems(), body.getPage(), query.effectivePageSize(), body.getTotal());
    return new ApiResponse<>(response.statusCode(), response.headers(), page, response.attempts());
  }

  static @Nullable String checkPage(SessionSummaryPage page, int requestedSize) {
    List<String> missing = new ArrayList<>();
    if (page.getItems() == null) {
      missing.add("items");
    }
    if (page.getPage() == null) {
      missing.add("page");
    }
    if (page.getTotal() == null) {
      missing.add("total");
    }
    if (!missing.isEmpty()) {
      return "the page lacks its required " + String.join(", ", missing);
    }
    if (page.getItems().size() > requestedSize) {
      return "the page holds " + page.getItems().size() + " items but only " + requestedSize + " were requested";
    }
    for (int i = 0; i < page.getItems().size(); i++) {
      SessionSummary item = page.getItems().get(i);
      if (item == null || item.getId() == null || item.getStatusRaw() == null) {
        return "item " + i + " lacks its required id or status";
      }
    }
    return null;
  }

  private static @Nullable String checkSession(Session session) {
    return session.getId() == null || session.getStatus() == null ? "the session lacks its required id or status" : null;
  }

  private static @Nullable String checkStatus(SessionStatus status) {
    return status.getStatusRaw() == null ? "the status lacks its required status field" : null;
  }

  static String requireId(@Nullable String id) {
    if (id == null) {
      throw new IllegalArgumentException("session id must not be null");
    }
    if (id.isBlank()) {
      throw new IllegalArgumentException("session id must not be blank");
    }
    return id;
  }
}
