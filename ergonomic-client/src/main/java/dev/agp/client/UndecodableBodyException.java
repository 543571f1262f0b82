package dev.agp.client;

import org.jspecify.annotations.Nullable;

/**
 * A body that arrived whole but is not what the operation promises: not JSON, the wrong shape, JSON null,
 * or a contract check failed. Thrown by {@link DecodingConverterFactory} inside Retrofit's decoding; the
 * call layer turns it into an {@link dev.agp.client.errors.AgpDecodingException} that names the call.
 */
final class UndecodableBodyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final String problem;
  final String body;

  UndecodableBodyException(String problem, String body, @Nullable Throwable cause) {
    super(problem, cause);
    this.problem = problem;
    this.body = body;
  }
}
