package dev.agp.generated.runtime;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads and writes {@link OffsetDateTime} as an RFC 3339 string; JSON {@code null} stays {@code null}. */
final class OffsetDateTimeAdapter extends JsonAdapter<OffsetDateTime> {

  static final JsonAdapter<OffsetDateTime> INSTANCE = new OffsetDateTimeAdapter().nullSafe();

  private OffsetDateTimeAdapter() {}

  @Override
  public OffsetDateTime fromJson(JsonReader reader) throws IOException {
    String text = reader.nextString();
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new JsonDataException(
          "Expected an RFC 3339 timestamp with offset but was '" + text + "' at path " + reader.getPath(), e);
    }
  }

  @Override
  public void toJson(JsonWriter writer, @Nullable OffsetDateTime value) throws IOException {
    writer.value(value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
  }

  @Override
  public String toString() {
    return "JsonAdapter(OffsetDateTime)";
  }
}
