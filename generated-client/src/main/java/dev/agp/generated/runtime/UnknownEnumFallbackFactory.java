package dev.agp.generated.runtime;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a generated enum's unknown wire values to its member that is not {@link OpenEnum#isKnown() known}.
 *
 * <p>Enum fields of the generated models keep their raw string and never reach this factory; it serves
 * enums decoded on their own or inside collections, so that those tolerate newer values too. Written here
 * rather than taken from moshi-adapters, whose package {@code com.squareup.moshi} splits Moshi's own and
 * so cannot be read by a consumer on the module path.
 */
final class UnknownEnumFallbackFactory implements JsonAdapter.Factory {

  @Override
  public @Nullable JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (!raw.isEnum() || !OpenEnum.class.isAssignableFrom(raw)) {
      return null;
    }
    OpenEnumAdapter adapter = OpenEnumAdapter.forEnum(raw);
    return adapter == null ? null : adapter.nullSafe();
  }

  /** Wire value to member, and back; a value the SDK does not know decodes to the unknown member. */
  static final class OpenEnumAdapter extends JsonAdapter<Object> {
    private final Class<?> type;
    private final Map<String, Object> byValue = new HashMap<>();
    private final Object unknown;

    private OpenEnumAdapter(Class<?> type, Object unknown) {
      this.type = type;
      this.unknown = unknown;
    }

    static @Nullable OpenEnumAdapter forEnum(Class<?> type) {
      Object unknown = null;
      Map<String, Object> known = new HashMap<>();
      for (Object member : type.getEnumConstants()) {
        OpenEnum open = (OpenEnum) member;
        if (open.isKnown()) {
          known.put(String.valueOf(open.getValue()), member);
        } else {
          unknown = member;
        }
      }
      if (unknown == null) {
        // An enum with no member for newer values: Moshi's own adapter, which rejects them, applies.
        return null;
      }
      OpenEnumAdapter adapter = new OpenEnumAdapter(type, unknown);
      adapter.byValue.putAll(known);
      return adapter;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      if (reader.peek() != JsonReader.Token.STRING) {
        throw new JsonDataException("Expected a string for " + type.getSimpleName() + " but was " + reader.peek()
            + " at path " + reader.getPath());
      }
      return byValue.getOrDefault(reader.nextString(), unknown);
    }

    @Override
    public void toJson(JsonWriter writer, @Nullable Object value) throws IOException {
      writer.value(value == null ? null : String.valueOf(((OpenEnum) value).getValue()));
    }

    @Override
    public String toString() {
      return "OpenEnumAdapter(" + type.getName() + ")";
    }
  }
}
