package dev.agp.client;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Retrofit;

/**
 * The Retrofit extension point through which every call of the generated interface runs: it adapts each
 * {@code Call<T>} into a {@link RetryingCall}, which owns retries, timeouts, cancellation and error
 * mapping for blocking and non-blocking callers alike. Each attempt is one OkHttp call (Retrofit's own
 * call, cloned per retry), decoded by the converters (Moshi behind {@link DecodingConverterFactory}).
 */
final class RetryingCallAdapterFactory extends CallAdapter.Factory {

  final RetryPolicy policy;
  final Sleeper sleeper;
  final Clock clock;
  final DoubleSupplier random;
  final BooleanSupplier closed;
  /** For the timeouts that messages name. */
  final OkHttpClient http;
  /** Where callers' futures complete (and so where their callbacks run). */
  final Executor callbackExecutor;
  /** Calls started and not yet complete, so that closing the client ends them, even mid-backoff. */
  final Set<RetryingCall<?>> live = ConcurrentHashMap.newKeySet();

  RetryingCallAdapterFactory(RetryPolicy policy, Sleeper sleeper, Clock clock, DoubleSupplier random,
      BooleanSupplier closed, OkHttpClient http, Executor callbackExecutor) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.clock = clock;
    this.random = random;
    this.closed = closed;
    this.http = http;
    this.callbackExecutor = callbackExecutor;
  }

  /** Fails every call still running or waiting to retry: the client is closed. */
  void closeAll() {
    live.forEach(RetryingCall::closeNow);
  }

  @Override
  public @Nullable CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    if (getRawType(returnType) != Call.class) {
      return null;
    }
    if (!(returnType instanceof ParameterizedType)) {
      throw new IllegalArgumentException("Call return type must be parameterized as Call<Foo>");
    }
    Type responseType = getParameterUpperBound(0, (ParameterizedType) returnType);
    return new CallAdapter<Object, Call<Object>>() {
      @Override
      public Type responseType() {
        return responseType;
      }

      @Override
      public Call<Object> adapt(Call<Object> call) {
        return new RetryingCall<>(call, RetryingCallAdapterFactory.this, RequestOptions.none());
      }
    };
  }
}
