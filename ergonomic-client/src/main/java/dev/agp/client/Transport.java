package dev.agp.client;

import com.squareup.moshi.JsonDataException;
import dev.agp.client.errors.AgpApiException;
import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.AgpException;
import dev.agp.client.errors.AgpNetworkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * Executes requests with the retry policy, maps error responses to typed exceptions and decodes bodies.
 * The synchronous and asynchronous paths share one decision function, {@link #onResponse} /
 * {@link #onFailure}, so that they cannot drift apart.
 */
final class Transport {

  static final Set<Integer> RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

  private final OkHttpClient http;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Clock clock;
  private final DoubleSupplier random;
  private final BooleanSupplier closed;

  Transport(OkHttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random, BooleanSupplier closed) {
    this.http = http;
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.closed = closed;
  }

  <T> ApiResponse<T> execute(Request request, Endpoint<T> endpoint) {
    for (int attempt = 1; ; attempt++) {
      ensureOpen();
      Call call = http.newCall(request);
      Step<T> step;
      try (Response response = call.execute()) {
        step = onResponse(attempt, request, response, endpoint);
      } catch (IOException e) {
        step = onFailure(attempt, request, e, call.isCanceled());
      }
      if (step.response != null) {
        return step.response;
      }
      if (step.error != null) {
        throw step.error;
      }
      try {
        sleeper.sleep(step.delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AgpException("Interrupted while waiting to retry " + describe(request), e);
      }
    }
  }

  <T> CompletableFuture<ApiResponse<T>> executeAsync(Request request, Endpoint<T> endpoint) {
    CompletableFuture<ApiResponse<T>> result = new CompletableFuture<>();
    AtomicReference<@Nullable Call> inFlight = new AtomicReference<>();
    // Cancelling the future cancels the HTTP call in flight; a pending retry then never starts.
    result.whenComplete((value, error) -> {
      Call call = inFlight.get();
      if (result.isCancelled() && call != null) {
        call.cancel();
      }
    });
    attemptAsync(request, endpoint, 1, result, inFlight);
    return result;
  }

  private <T> void attemptAsync(
      Request request,
      Endpoint<T> endpoint,
      int attempt,
      CompletableFuture<ApiResponse<T>> result,
      AtomicReference<@Nullable Call> inFlight) {
    if (result.isDone()) {
      return;
    }
    if (closed.getAsBoolean()) {
      result.completeExceptionally(closedError());
      return;
    }
    Call call = http.newCall(request);
    inFlight.set(call);
    if (result.isCancelled()) {
      call.cancel();
      return;
    }
    call.enqueue(new Callback() {
      @Override
      public void onFailure(Call failed, IOException e) {
        continueWith(Transport.this.onFailure(attempt, request, e, failed.isCanceled() || result.isCancelled()));
      }

      @Override
      public void onResponse(Call done, Response response) {
        Step<T> step;
        try (response) {
          step = Transport.this.onResponse(attempt, request, response, endpoint);
        } catch (IOException e) {
          step = Transport.this.onFailure(attempt, request, e, done.isCanceled());
        } catch (RuntimeException e) {
          step = Step.fail(e);
        }
        continueWith(step);
      }

      private void continueWith(Step<T> step) {
        if (step.response != null) {
          result.complete(step.response);
        } else if (step.error != null) {
          result.completeExceptionally(step.error);
        } else {
          sleeper.sleepAsync(step.delay)
              .whenComplete((ignored, error) -> attemptAsync(request, endpoint, attempt + 1, result, inFlight));
        }
      }
    });
  }

  /** Decides what a response means: a decoded value, a retry after a delay, or a typed error. */
  private <T> Step<T> onResponse(int attempt, Request request, Response response, Endpoint<T> endpoint)
      throws IOException {
    byte[] body = response.body().bytes();
    Map<String, List<String>> headers = HttpHeaders.toMap(response.headers());
    if (response.isSuccessful()) {
      T value = decode(request, endpoint, body);
      return Step.done(new ApiResponse<>(response.code(), headers, value, attempt));
    }
    Duration retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
    AgpApiException error = ApiErrors.create(
        response.code(), request.method(), request.url().encodedPath(), body, headers, retryAfter);
    if (!RETRYABLE_STATUSES.contains(response.code()) || attempt > policy.maxRetries()) {
      return Step.fail(error);
    }
    if (retryAfter == null) {
      return Step.retry(policy.backoff(attempt, random.getAsDouble()));
    }
    // A wait beyond the ceiling is not worth sleeping through: fail now with the server's error.
    return retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? Step.fail(error) : Step.retry(retryAfter);
  }

  private <T> Step<T> onFailure(int attempt, Request request, IOException e, boolean canceled) {
    if (canceled) {
      return Step.fail(new AgpException("Canceled: " + describe(request), e));
    }
    if (attempt > policy.maxRetries()) {
      return Step.fail(new AgpNetworkException(request.method(), request.url().encodedPath(), attempt, e));
    }
    return Step.retry(policy.backoff(attempt, random.getAsDouble()));
  }

  private static <T> T decode(Request request, Endpoint<T> endpoint, byte[] body) {
    String operation = endpoint.name + " (" + describe(request) + ")";
    T value;
    try {
      value = endpoint.adapter.fromJson(new Buffer().write(body));
    } catch (IOException | JsonDataException e) {
      throw new AgpDecodingException(operation, String.valueOf(e.getMessage()), text(body), e);
    }
    if (value == null) {
      throw new AgpDecodingException(operation, "the body is JSON null", text(body), null);
    }
    String problem = endpoint.check.apply(value);
    if (problem != null) {
      throw new AgpDecodingException(operation, problem, text(body), null);
    }
    return value;
  }

  private void ensureOpen() {
    if (closed.getAsBoolean()) {
      throw closedError();
    }
  }

  private static IllegalStateException closedError() {
    return new IllegalStateException("This AgpClient is closed; build a new one to make requests");
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }

  /** One decision: exactly one of response, error and delay is set. */
  private static final class Step<T> {
    final @Nullable ApiResponse<T> response;
    final @Nullable RuntimeException error;
    final Duration delay;

    private Step(@Nullable ApiResponse<T> response, @Nullable RuntimeException error, Duration delay) {
      this.response = response;
      this.error = error;
      this.delay = delay;
    }

    static <T> Step<T> done(ApiResponse<T> response) {
      return new Step<>(response, null, Duration.ZERO);
    }

    static <T> Step<T> fail(RuntimeException error) {
      return new Step<>(null, error, Duration.ZERO);
    }

    static <T> Step<T> retry(Duration delay) {
      return new Step<>(null, null, delay);
    }
  }
}
