package dev.agp.client;

import java.io.IOException;

/**
 * A successful response body exceeded the client's maximum. An {@link IOException} so that it travels
 * through OkHttp and Retrofit like any failed read; the call layer turns it into an
 * {@link dev.agp.client.errors.AgpDecodingException} and never retries it.
 */
final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param announced the {@code Content-Length} that exceeded the limit, or -1 when the body was read past it */
  ResponseTooLargeException(long limit, long announced) {
    super(announced >= 0
        ? "the body announces " + announced + " bytes, more than the client's maximum of " + limit + " bytes"
        : "the body is larger than the client's maximum of " + limit + " bytes");
  }
}
