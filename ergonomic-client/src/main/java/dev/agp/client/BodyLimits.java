package dev.agp.client;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;

/**
 * Bounds what a response body may cost: a successful body larger than the client's maximum fails with
 * {@link ResponseTooLargeException} as soon as the excess is read (or at once, when {@code Content-Length}
 * announces it), and an error body is cut at {@link #MAX_ERROR_BODY_BYTES}, since only its message matters.
 * Bodies are counted after decompression, so a small compressed body cannot inflate past the limit.
 */
final class BodyLimits implements Interceptor {

  /** The default maximum of a successful body: a full page of 100 sessions is far smaller (about 100 KiB). */
  static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;
  /** How much of an error body is kept. */
  static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

  private final long maxBodyBytes;

  BodyLimits(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (!response.isSuccessful()) {
      Source cut = new Truncating(body.source(), MAX_ERROR_BODY_BYTES);
      return response.newBuilder().body(ResponseBody.create(Okio.buffer(cut), body.contentType(), -1)).build();
    }
    long announced = body.contentLength();
    if (announced > maxBodyBytes) {
      response.close();
      throw new ResponseTooLargeException(maxBodyBytes, announced);
    }
    Source limited = new Limiting(body.source(), maxBodyBytes);
    return response.newBuilder()
        .body(ResponseBody.create(Okio.buffer(limited), body.contentType(), announced))
        .build();
  }

  /** Fails a read that takes the body past the limit. */
  private static final class Limiting extends ForwardingSource {
    private final long limit;
    private long read;

    Limiting(Source delegate, long limit) {
      super(delegate);
      this.limit = limit;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      // Never ask for more than one byte past the limit, so that a huge read cannot buffer a huge chunk first.
      long n = super.read(sink, Math.min(byteCount, limit - read + 1));
      if (n > 0) {
        read += n;
        if (read > limit) {
          throw new ResponseTooLargeException(limit, -1);
        }
      }
      return n;
    }
  }

  /** Ends the body after {@code limit} bytes; closing it closes (and so releases) the connection's stream. */
  private static final class Truncating extends ForwardingSource {
    private long remaining;

    Truncating(Source delegate, long limit) {
      super(delegate);
      this.remaining = limit;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      long n = super.read(sink, Math.min(byteCount, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
