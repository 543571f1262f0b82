package dev.agp.generated.runtime;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import com.squareup.moshi.adapters.EnumJsonAdapter;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a generated enum's unknown wire values to its member that is not {@link OpenEnum#isKnown() known}.
 *
 * <p>Enum fields of the generated models keep their raw string and never reach this factory; it serves
 * enums decoded on their own or inside collections, so that those tolerate newer values too.
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
    return createFor(raw.asSubclass(Enum.class));
  }

  private static <T extends Enum<T>> @Nullable JsonAdapter<T> createFor(Class<T> enumType) {
    for (T member : enumType.getEnumConstants()) {
      if (!((OpenEnum) member).isKnown()) {
        return EnumJsonAdapter.create(enumType).withUnknownFallback(member).nullSafe();
      }
    }
    return null;
  }
}
