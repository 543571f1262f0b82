package dev.agp.client;

/** How much of each HTTP exchange the client logs. Logging never shows the API key. */
public enum LogLevel {
  /** Nothing (the default). */
  NONE,
  /** One line per request ({@code --> GET url}) and one per response ({@code <-- 200 GET url (12 ms)}). */
  BASIC,
  /** As {@link #BASIC}, plus request and response headers; {@code Authorization} and cookies are redacted. */
  HEADERS
}
