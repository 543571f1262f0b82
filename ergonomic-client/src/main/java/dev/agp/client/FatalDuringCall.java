package dev.agp.client;

/**
 * Carries an {@link Error} out of Retrofit's decoding, which would otherwise rethrow it on an OkHttp
 * thread and leave the caller waiting; the call layer completes the caller's future with the error itself.
 */
final class FatalDuringCall extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FatalDuringCall(Error error) {
    super(error);
  }

  Error error() {
    return (Error) getCause();
  }
}
