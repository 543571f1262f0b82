package dev.agp.client;

import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.AgpException;
import dev.agp.client.errors.AgpNetworkException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Request;
import okhttp3.ResponseBody;
import okio.Timeout;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Invocation;
import retrofit2.Response;

/**
 * One logical call of the generated interface, made of attempts: the first attempt is Retrofit's own call,
 * each retry a clone of it, so that every attempt is exactly one OkHttp call. What an attempt's outcome
 * means (a value, a retry after a delay, or a typed error) is decided in one place for blocking callers
 * (attempts run on their thread, see {@link #run()}) and non-blocking ones (see {@link #future()}).
 *
 * <p>A call's {@link RequestOptions} set the timeout of each attempt (each attempt's own OkHttp call
 * timeout) and the number of retries; their headers are already in the request, through the generated
 * interface's header map.
 *
 * <p>Every outcome completes the future, including an {@link Error} raised while decoding; a caller's
 * cancel (of the future, or an interrupt of a blocking caller) cancels the attempt in flight, and a retry
 * that was waiting never starts.
 */
final class RetryingCall<T> implements Call<T> {

  static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

  private final Call<T> original;
  private final RetryingCallAdapterFactory settings;
  private final RequestOptions options;
  /** The client's policy, with the options' number of retries when they set one. */
  private final RetryPolicy policy;
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<ApiResponse<T>> result = new CompletableFuture<>();
  private final AtomicReference<@Nullable Call<T>> current = new AtomicReference<>();
  /** Set by the caller's cancel only: OkHttp also cancels a call whose timeout fired, which is no cancel. */
  private volatile boolean canceled;

  RetryingCall(Call<T> original, RetryingCallAdapterFactory settings, RequestOptions options) {
    this.original = original;
    this.settings = settings;
    this.options = options;
    this.policy = options.maxRetries().isPresent()
        ? settings.policy.toBuilder().maxRetries(options.maxRetries().getAsInt()).build()
        : settings.policy;
    result.whenComplete((value, error) -> {
      if (result.isCancelled()) {
        canceled = true;
        Call<T> call = current.get();
        if (call != null) {
          call.cancel();
        }
      }
    });
  }

  /**
   * The SDK's call behind a call of the generated interface, with a call's options: the adapter made the call
   * with none, and it has not started, so the same Retrofit call is taken over with them.
   */
  static <T> RetryingCall<T> of(Call<T> call, RequestOptions options) {
    if (call instanceof RetryingCall<T> retrying) {
      if (retrying.started.get()) {
        throw new IllegalStateException("Already executed");
      }
      return new RetryingCall<>(retrying.original, retrying.settings, options);
    }
    throw new IllegalStateException("Expected a call made by the SDK's Retrofit, got " + call.getClass().getName());
  }

  /** Starts the attempts (once) and returns their future; cancelling it cancels the call. */
  CompletableFuture<ApiResponse<T>> future() {
    if (started.compareAndSet(false, true)) {
      settings.live.add(this);
      result.whenComplete((value, error) -> settings.live.remove(this));
      attempt(1);
    }
    return result;
  }

  /** The client closed: fails the call at once, whether an attempt is in flight or a retry is waiting. */
  void closeNow() {
    fail(closedError());
    Call<T> call = current.get();
    if (call != null) {
      call.cancel();
    }
  }

  /**
   * Runs the call on the calling thread, attempt after attempt, with the same decisions as {@link #future()}.
   * Each attempt is Retrofit's {@code execute()}: no dispatcher slot is taken, so a blocking call made from
   * a callback cannot wait for a slot that callbacks hold. OkHttp's blocking I/O ignores interrupts, so
   * {@link InterruptWatch} cancels the attempt of an interrupted thread.
   *
   * @throws AgpException a typed failure; if the thread is interrupted, the call is cancelled and an
   *     {@link AgpException} is thrown promptly, with the thread's interrupt status kept
   */
  ApiResponse<T> run() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("Already executed");
    }
    settings.live.add(this);
    try {
      for (int n = 1; ; n++) {
        if (result.isDone()) {
          // Closed (or cancelled) meanwhile.
          return result.join();
        }
        if (settings.closed.getAsBoolean()) {
          throw closedError();
        }
        Call<T> call = n == 1 ? original : original.clone();
        current.set(call);
        Step<T> step;
        try (InterruptWatch.Watch watch = InterruptWatch.watch(call::cancel)) {
          step = decide(n, call);
          if (watch.fired()) {
            // The interrupt cancelled this attempt: whatever it ended in, the caller asked to stop.
            throw interrupted(new InterruptedException());
          }
        }
        if (step.response != null) {
          result.complete(step.response);
          return step.response;
        }
        if (step.error != null) {
          throw rethrow(step.error);
        }
        try {
          // Waits the sleeper's delay, unless close() or a cancel completes the call first.
          CompletableFuture.anyOf(settings.sleeper.sleepAsync(step.delay), result).get();
        } catch (InterruptedException e) {
          throw interrupted(e);
        } catch (ExecutionException e) {
          throw rethrow(e.getCause());
        }
      }
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    } finally {
      settings.live.remove(this);
    }
  }

  private Step<T> decide(int n, Call<T> call) {
    try {
      applyTimeout(call);
      return afterResponse(n, call.execute());
    } catch (FatalDuringCall e) {
      throw e.error();
    } catch (Exception e) {
      // Retrofit rethrows what parsing threw: an IOException, or a RuntimeException such as
      // UndecodableBodyException; the decisions are the async path's.
      return afterFailure(n, e);
    }
  }

  private AgpException interrupted(InterruptedException cause) {
    Thread.currentThread().interrupt();
    Call<T> call = current.get();
    if (call != null) {
      call.cancel();
    }
    return new AgpException("Interrupted while waiting for " + describe() + "; the request was cancelled", cause);
  }

  private static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    throw new AgpException(String.valueOf(failure.getMessage()), failure);
  }

  // ---- attempts ------------------------------------------------------------------------------------------------

  private void attempt(int n) {
    if (result.isDone()) {
      return;
    }
    if (settings.closed.getAsBoolean()) {
      fail(closedError());
      return;
    }
    Call<T> call = n == 1 ? original : original.clone();
    current.set(call);
    if (result.isDone()) {
      // Cancelled while this attempt was being set up: the cancel may have seen the previous call.
      call.cancel();
      return;
    }
    try {
      applyTimeout(call);
      call.enqueue(new Callback<T>() {
        @Override
        public void onResponse(Call<T> done, Response<T> response) {
          proceed(n, () -> afterResponse(n, response));
        }

        @Override
        public void onFailure(Call<T> failed, Throwable t) {
          proceed(n, () -> afterFailure(n, t));
        }
      });
    } catch (Throwable t) {
      fail(t);
    }
  }

  /** Gives an attempt the options' timeout, if they set one, instead of the client's call timeout. */
  private void applyTimeout(Call<T> call) {
    options.timeout().ifPresent(timeout -> call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /** Acts on a decision; whatever is thrown on the way completes the future, so that no caller waits forever. */
  private void proceed(int n, Decision<T> decision) {
    try {
      Step<T> step = decision.decide();
      if (step.response != null) {
        ApiResponse<T> response = step.response;
        handOver(() -> result.complete(response));
      } else if (step.error != null) {
        fail(step.error);
      } else {
        settings.sleeper.sleepAsync(step.delay).whenComplete((ignored, error) -> {
          if (error != null) {
            fail(error);
          } else {
            attempt(n + 1);
          }
        });
      }
    } catch (Throwable t) {
      fail(t);
    }
  }

  private void fail(Throwable error) {
    handOver(() -> result.completeExceptionally(error));
  }

  /**
   * Completes the caller's future on the client's callback executor, never on OkHttp's thread: OkHttp counts
   * a call as running until its callback returns, so code that blocks in a callback (a blocking call inside
   * {@code forEachAsync}, say) would otherwise hold one of the dispatcher's slots while it waits for another.
   */
  private void handOver(Runnable completion) {
    try {
      settings.callbackExecutor.execute(completion);
    } catch (RuntimeException rejected) {
      // A shut-down executor (the client closed meanwhile) must not leave the caller waiting.
      completion.run();
    }
  }

  private Step<T> afterResponse(int attempt, Response<T> response) throws IOException {
    if (response.isSuccessful()) {
      T body = response.body();
      if (body == null) {
        return Step.fail(new AgpDecodingException(operation(), "the response has no body (HTTP " + response.code() + ")", "", null));
      }
      return Step.done(new ApiResponse<>(response.code(), HttpHeaders.toMap(response.headers()), body, attempt));
    }
    byte[] errorBody;
    try (ResponseBody body = response.errorBody()) {
      // Retrofit buffered it; BodyLimits cut it to its maximum first.
      errorBody = body == null ? new byte[0] : body.bytes();
    }
    Duration retryAfter = RetryAfter.parse(response.headers().get("Retry-After"), settings.clock);
    Request request = original.request();
    AgpApiException error = ApiErrors.create(response.code(), request.method(), request.url().encodedPath(),
        errorBody, HttpHeaders.toMap(response.headers()), retryAfter);
    if (!RETRYABLE_STATUSES.contains(response.code()) || attempt > policy.maxRetries()) {
      return Step.fail(error);
    }
    if (retryAfter == null) {
      return Step.retry(policy.backoff(attempt, settings.random.getAsDouble()));
    }
    if (retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
      // A wait beyond the ceiling is not worth sleeping through: fail now with the server's error.
      return Step.fail(error);
    }
    // "Now" (zero, or a date in the past) still waits the initial backoff: a retry is never immediate.
    return Step.retry(retryAfter.compareTo(policy.initialBackoff()) < 0 ? policy.initialBackoff() : retryAfter);
  }

  private Step<T> afterFailure(int attempt, Throwable t) {
    if (t instanceof FatalDuringCall) {
      return Step.fail(((FatalDuringCall) t).error());
    }
    if (canceled) {
      return Step.fail(new CancellationException("The call was cancelled: " + describe()));
    }
    if (t instanceof UndecodableBodyException) {
      UndecodableBodyException u = (UndecodableBodyException) t;
      return Step.fail(new AgpDecodingException(operation(), u.problem, u.body, u.getCause()));
    }
    if (t instanceof ResponseTooLargeException) {
      return Step.fail(new AgpDecodingException(operation(), t.getMessage()
          + " (AgpClient.Builder.maxResponseBodyBytes sets it)", "", t));
    }
    if (t instanceof RuntimeException && !(t instanceof AgpException)) {
      // Thrown inside the HTTP client (an interceptor's bug, say), synchronously or as OkHttp reports it below.
      return Step.fail(new AgpException(describe() + " failed inside the HTTP client: " + t, t));
    }
    if (!(t instanceof IOException)) {
      return Step.fail(t);
    }
    IOException e = (IOException) t;
    // OkHttp reports an Error inside a call as an IOException "canceled due to ..." that carries it (as its
    // cause, or suppressed in some versions): the Error is the failure, and retrying would not help.
    if (e.getCause() instanceof Error) {
      return Step.fail(e.getCause());
    }
    for (Throwable suppressed : e.getSuppressed()) {
      if (suppressed instanceof Error) {
        return Step.fail(suppressed);
      }
    }
    if (e.getCause() instanceof RuntimeException && String.valueOf(e.getMessage()).startsWith("canceled due to")) {
      // OkHttp's report of a RuntimeException thrown inside the call (an interceptor's bug, say): a retry
      // would meet it again.
      return Step.fail(new AgpException(describe() + " failed inside the HTTP client: " + e.getCause(), e.getCause()));
    }
    if (settings.closed.getAsBoolean()) {
      // AgpClient.close() cancelled this attempt: not a network failure to retry.
      return Step.fail(closedError());
    }
    if (t instanceof RedirectRefusedException) {
      return Step.fail(network(describe() + " failed: " + e.getMessage(), attempt, false, e));
    }
    if (t instanceof ProtocolException && String.valueOf(t.getMessage()).startsWith("Too many follow-up")) {
      return Step.fail(network(describe() + " failed: the server redirects in a loop (" + e.getMessage() + ")",
          attempt, false, e));
    }
    if (attempt <= policy.maxRetries()) {
      return Step.retry(policy.backoff(attempt, settings.random.getAsDouble()));
    }
    String tries = attempt + (attempt == 1 ? " attempt" : " attempts");
    if (e instanceof InterruptedIOException) {
      return Step.fail(network("timed out after " + tries + " (" + timeoutLimit(e) + "): " + describe(), attempt, true, e));
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Step.fail(network(describe() + " failed after " + tries + ": " + detail, attempt, false, e));
  }

  private static IllegalStateException closedError() {
    return new IllegalStateException("This AgpClient is closed; build a new one to make requests");
  }

  private AgpNetworkException network(String message, int attempts, boolean timeout, IOException cause) {
    Request request = original.request();
    return new AgpNetworkException(message, request.method(), request.url().encodedPath(), attempts, timeout, cause);
  }

  /** Which limit expired: OkHttp's call timeout ends in a plain InterruptedIOException, the socket's in its subclass. */
  private String timeoutLimit(IOException e) {
    if (!(e instanceof SocketTimeoutException)) {
      long limit = options.timeout().isPresent() ? options.timeout().get().toMillis() : settings.http.callTimeoutMillis();
      return seconds(limit) + " each";
    }
    if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
      return "could not connect within " + seconds(settings.http.connectTimeoutMillis());
    }
    return "no data for " + seconds(settings.http.readTimeoutMillis());
  }

  private static String seconds(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }

  /** The operation, as the spec's operationId names it, and the request: {@code listSessions (GET /api/v2/sessions)}. */
  private String operation() {
    Invocation invocation = original.request().tag(Invocation.class);
    return invocation == null ? describe() : invocation.method().getName() + " (" + describe() + ")";
  }

  private String describe() {
    Request request = original.request();
    return request.method() + " " + request.url().encodedPath();
  }

  // ---- retrofit2.Call ---------------------------------------------------------------------------------------------

  /** Runs the call; failures are the SDK's unchecked exceptions. */
  @Override
  public Response<T> execute() {
    if (started.get()) {
      throw new IllegalStateException("Already executed");
    }
    ApiResponse<T> response = run();
    return Response.success(response.body());
  }

  @Override
  public void enqueue(Callback<T> callback) {
    if (started.get()) {
      throw new IllegalStateException("Already executed");
    }
    future().whenComplete((response, error) -> {
      if (error == null) {
        callback.onResponse(this, Response.success(response.body()));
      } else {
        callback.onFailure(this, error);
      }
    });
  }

  @Override
  public boolean isExecuted() {
    return started.get();
  }

  @Override
  public void cancel() {
    canceled = true;
    result.cancel(true);
  }

  @Override
  public boolean isCanceled() {
    return canceled;
  }

  @Override
  public Call<T> clone() {
    return new RetryingCall<>(original.clone(), settings, options);
  }

  @Override
  public Request request() {
    return original.request();
  }

  @Override
  public Timeout timeout() {
    return original.timeout();
  }

  /** Decides what an attempt's outcome means; may fail while reading what the server sent. */
  private interface Decision<T> {
    Step<T> decide() throws IOException;
  }

  /** One decision: exactly one of response, error and delay is set. */
  private static final class Step<T> {
    final @Nullable ApiResponse<T> response;
    final @Nullable Throwable error;
    final Duration delay;

    private Step(@Nullable ApiResponse<T> response, @Nullable Throwable error, Duration delay) {
      this.response = response;
      this.error = error;
      this.delay = delay;
    }

    static <T> Step<T> done(ApiResponse<T> response) {
      return new Step<>(response, null, Duration.ZERO);
    }

    static <T> Step<T> fail(Throwable error) {
      return new Step<>(null, error, Duration.ZERO);
    }

    static <T> Step<T> retry(Duration delay) {
      return new Step<>(null, null, delay);
    }
  }
}
