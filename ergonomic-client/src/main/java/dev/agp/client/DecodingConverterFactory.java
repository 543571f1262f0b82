package dev.agp.client;

import com.squareup.moshi.JsonDataException;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Wraps the next converter (Moshi's) so that every decoding failure is typed: it keeps the start of the
 * body for the message, tells a body that is not what the operation promises ({@link
 * UndecodableBodyException}) from a read that failed (the {@link java.io.IOException}, rethrown as is),
 * and runs the contract check registered for the decoded type. Errors thrown while decoding (an
 * {@link OutOfMemoryError}, say) are carried out as {@link FatalDuringCall}, because Retrofit rethrows
 * fatal errors on the OkHttp thread, where no caller would ever see them.
 */
final class DecodingConverterFactory extends Converter.Factory {

  /** How many bytes of a body are kept for the message. */
  private static final int KEPT = 1024;

  private final Map<Type, Function<Object, @Nullable String>> checks;

  /** @param checks per decoded type, a function answering what is wrong with a value, or null when nothing is */
  DecodingConverterFactory(Map<Type, Function<Object, @Nullable String>> checks) {
    this.checks = Map.copyOf(checks);
  }

  @Override
  public @Nullable Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    Converter<ResponseBody, Object> next = retrofit.nextResponseBodyConverter(this, type, annotations);
    Function<Object, @Nullable String> check = checks.getOrDefault(type, value -> null);
    return body -> decode(body, next, check);
  }

  private static Object decode(ResponseBody body, Converter<ResponseBody, Object> next,
      Function<Object, @Nullable String> check) throws IOException {
    Recording recording = new Recording(body.source());
    Object value;
    try (ResponseBody recorded = ResponseBody.create(Okio.buffer(recording), body.contentType(), body.contentLength())) {
      value = next.convert(recorded);
    } catch (IOException e) {
      if (recording.readFailed) {
        // The connection failed, timed out, or the body exceeded the limit: not the body's fault.
        throw e;
      }
      String text = recording.text();
      throw new UndecodableBodyException(text.isEmpty() ? "the body is empty" : problem(e), text, e);
    } catch (JsonDataException e) {
      throw new UndecodableBodyException(problem(e), recording.text(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Error e) {
      throw new FatalDuringCall(e);
    }
    if (value == null) {
      throw new UndecodableBodyException("the body is JSON null", recording.text(), null);
    }
    String problem = check.apply(value);
    if (problem != null) {
      throw new UndecodableBodyException(problem, recording.text(), null);
    }
    return value;
  }

  private static String problem(Exception e) {
    return e instanceof java.io.EOFException ? "the body ended before a complete JSON value" : String.valueOf(e.getMessage());
  }

  /** Keeps the first {@link #KEPT} bytes read, and whether a read failed. */
  private static final class Recording extends ForwardingSource {
    private final Buffer kept = new Buffer();
    boolean readFailed;

    Recording(Source delegate) {
      super(delegate);
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      long n;
      try {
        n = super.read(sink, byteCount);
      } catch (IOException e) {
        readFailed = true;
        throw e;
      }
      if (n > 0 && kept.size() < KEPT) {
        sink.copyTo(kept, sink.size() - n, Math.min(n, KEPT - kept.size()));
      }
      return n;
    }

    String text() {
      return kept.clone().readString(StandardCharsets.UTF_8);
    }
  }
}
