package dev.agp.client;

import okhttp3.HttpUrl;

/** Validates a caller's base URL: absolute, http(s), no clear-text http except to loopback. */
final class BaseUrls {
  private BaseUrls() {}

  static HttpUrl parse(String text) {
    HttpUrl url = HttpUrl.parse(text.trim());
    if (url == null) {
      // The value is not echoed: a misplaced API key must not end up in a message.
      throw new IllegalArgumentException("Malformed base URL: expected an absolute http:// or https:// URL, "
          + "for example https://agp.eu.hcompany.ai");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new IllegalArgumentException("The base URL must not carry credentials; the API key is sent as a bearer token");
    }
    if (url.scheme().equals("http") && !isLoopback(url.host())) {
      throw new IllegalArgumentException("Refusing http://" + url.host() + ": API keys must not travel in clear text. "
          + "Use https://, or http:// only to a loopback host (localhost, 127.0.0.1, ::1)");
    }
    if (url.query() != null || url.fragment() != null) {
      throw new IllegalArgumentException("The base URL must not have a query or fragment");
    }
    String path = url.encodedPath();
    return path.endsWith("/") ? url : url.newBuilder().encodedPath(path + "/").build();
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.equals("::1")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
