package dev.agp.client;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.api.SessionsApi;
import dev.agp.generated.model.Session;
import dev.agp.generated.model.SessionStatus;
import dev.agp.generated.model.SessionSummary;
import dev.agp.generated.model.SessionSummaryPage;
import dev.agp.client.errors.AgpDecodingException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
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

  /**
   * What the API promises about each decoded body beyond its JSON shape; {@link DecodingConverterFactory}
   * checks it, so that a broken answer fails as an {@link dev.agp.client.errors.AgpDecodingException} with
   * the start of the body.
   */
  static final Map<Type, Function<Object, @Nullable String>> CONTRACT_CHECKS = Map.of(
      SessionSummaryPage.class, page -> checkPage((SessionSummaryPage) page),
      Session.class, session -> checkSession((Session) session),
      SessionStatus.class, status -> checkStatus((SessionStatus) status));

  private final SessionsApi api;

  RawSessionService(SessionsApi api) {
    this.api = api;
  }

  /**
   * Lists one page of sessions.
   *
   * @param query filters, sort and page
   * @return the page with the response's status and headers
   * @throws dev.agp.client.errors.AgpException on any failure, after retries
   */
  public ApiResponse<SessionPage> list(ListSessionsParams query) {
    return list(query, RequestOptions.none());
  }

  /**
   * Lists one page of sessions, with this call's options.
   *
   * @param query filters, sort and page
   * @param options timeout, retries and headers of this call
   * @return the page with the response's status and headers
   * @throws dev.agp.client.errors.AgpException on any failure, after retries
   */
  public ApiResponse<SessionPage> list(ListSessionsParams query, RequestOptions options) {
    return toPage(listCall(query, options).run(), query);
  }

  /**
   * Lists one page of sessions without blocking.
   *
   * @param query filters, sort and page
   * @return a future of the page; it fails with an {@link dev.agp.client.errors.AgpException}
   */
  public CompletableFuture<ApiResponse<SessionPage>> listAsync(ListSessionsParams query) {
    return listAsync(query, RequestOptions.none());
  }

  /**
   * Lists one page of sessions without blocking, with this call's options.
   *
   * @param query filters, sort and page
   * @param options timeout, retries and headers of this call
   * @return a future of the page; it fails with an {@link dev.agp.client.errors.AgpException}
   */
  public CompletableFuture<ApiResponse<SessionPage>> listAsync(ListSessionsParams query, RequestOptions options) {
    return Futures.map(listCall(query, options).future(), response -> toPage(response, query));
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
    return retrieve(id, RequestOptions.none());
  }

  /**
   * Retrieves one session, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return the session with the response's status and headers
   * @throws IllegalArgumentException if {@code id} is null or blank
   * @throws dev.agp.client.errors.NotFoundException if there is no such session visible to the caller
   */
  public ApiResponse<Session> retrieve(String id, RequestOptions options) {
    return retrieveCall(id, options).run();
  }

  /**
   * Retrieves one session without blocking.
   *
   * @param id the session id
   * @return a future of the session
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public CompletableFuture<ApiResponse<Session>> retrieveAsync(String id) {
    return retrieveAsync(id, RequestOptions.none());
  }

  /**
   * Retrieves one session without blocking, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return a future of the session
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public CompletableFuture<ApiResponse<Session>> retrieveAsync(String id, RequestOptions options) {
    return retrieveCall(id, options).future();
  }

  /**
   * Reads a session's live status.
   *
   * @param id the session id
   * @return the status with the response's status and headers
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public ApiResponse<SessionStatus> status(String id) {
    return status(id, RequestOptions.none());
  }

  /**
   * Reads a session's live status, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return the status with the response's status and headers
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public ApiResponse<SessionStatus> status(String id, RequestOptions options) {
    return statusCall(id, options).run();
  }

  /**
   * Reads a session's live status without blocking.
   *
   * @param id the session id
   * @return a future of the status
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public CompletableFuture<ApiResponse<SessionStatus>> statusAsync(String id) {
    return statusAsync(id, RequestOptions.none());
  }

  /**
   * Reads a session's live status without blocking, with this call's options.
   *
   * @param id the session id
   * @param options timeout, retries and headers of this call
   * @return a future of the status
   * @throws IllegalArgumentException if {@code id} is null or blank
   */
  public CompletableFuture<ApiResponse<SessionStatus>> statusAsync(String id, RequestOptions options) {
    return statusCall(id, options).future();
  }

  // The options' headers travel in the generated interface's header map; their timeout and retries are the
  // call adapter's, handed to the call before it starts.

  private RetryingCall<SessionSummaryPage> listCall(ListSessionsParams query, RequestOptions options) {
    Objects.requireNonNull(options, "options");
    return RetryingCall.of(SessionsApi.listSessions(api, query, options.headers()), options);
  }

  private RetryingCall<Session> retrieveCall(String id, RequestOptions options) {
    Objects.requireNonNull(options, "options");
    return RetryingCall.of(api.getSession(requireId(id), options.headers()), options);
  }

  private RetryingCall<SessionStatus> statusCall(String id, RequestOptions options) {
    Objects.requireNonNull(options, "options");
    return RetryingCall.of(api.getSessionStatus(requireId(id), options.headers()), options);
  }

  private static ApiResponse<SessionPage> toPage(ApiResponse<SessionSummaryPage> response, ListSessionsParams query) {
    SessionSummaryPage body = response.body();
    int size = Paging.pageSize(query);
    if (body.getItems().size() > size) {
      throw new AgpDecodingException("listSessions (GET /api/v2/sessions)", "the page holds "
          + body.getItems().size() + " items but only " + size + " were requested", "", null);
    }
    SessionPage page = new SessionPage(body.getItems(), body.getPage(), size, body.getTotal());
    return new ApiResponse<>(response.statusCode(), response.headers(), page, response.attempts());
  }

  static @Nullable String checkPage(SessionSummaryPage page) {
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
