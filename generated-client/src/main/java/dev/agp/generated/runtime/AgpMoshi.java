package dev.agp.generated.runtime;

import com.squareup.moshi.Moshi;
import java.time.OffsetDateTime;

/**
 * The Moshi configuration that the generated models are designed for.
 *
 * <p>It adds what Moshi does not do out of the box for these models: {@link java.time.OffsetDateTime}
 * timestamps in RFC 3339 form, and enums that decode a value newer than the spec to their unknown member
 * instead of failing. Unknown JSON fields are ignored and JSON {@code null} decodes to {@code null}, which
 * is Moshi's own behaviour for reflective class adapters.
 */
public final class AgpMoshi {

  private static final Moshi INSTANCE = newBuilder().build();

  private AgpMoshi() {}

  /**
   * Returns the shared, immutable Moshi instance (Moshi instances are thread-safe and cache adapters).
   *
   * @return the shared instance
   */
  public static Moshi get() {
    return INSTANCE;
  }

  /**
   * Returns a builder preconfigured with the SDK's adapters, for callers that want to add their own.
   *
   * @return a new builder
   */
  public static Moshi.Builder newBuilder() {
    return new Moshi.Builder()
        .add(OffsetDateTime.class, OffsetDateTimeAdapter.INSTANCE)
        .add(new UnknownEnumFallbackFactory());
  }
}
