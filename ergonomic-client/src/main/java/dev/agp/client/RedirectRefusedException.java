package dev.agp.client;

import java.io.IOException;
import okhttp3.HttpUrl;

/** A redirect that {@link RedirectGuard} refused; the call layer reports it without retrying. */
final class RedirectRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  RedirectRefusedException(String why, int code, HttpUrl from, HttpUrl to) {
    super("refused the " + code + " redirect from " + RedirectGuard.describe(from) + " to "
        + RedirectGuard.describe(to) + ": " + why);
  }
}
