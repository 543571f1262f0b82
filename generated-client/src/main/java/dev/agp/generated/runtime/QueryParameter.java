package dev.agp.generated.runtime;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the spec says about one parameter of an operation (a query parameter, or a path parameter): its wire
 * name, type, description, bounds, default and allowed values. The generated parameters types ({@code ListSessionsParams} and the like)
 * describe their parameters with it and validate through it, and tools (the CLI) build their options from
 * it, so that a parameter is written only in the spec.
 *
 * <p>Immutable; the generated code creates one per parameter with {@link #of} and the {@code with…}
 * methods.
 */
public final class QueryParameter {

  /** The kinds of value a query parameter takes, as the spec's schema types them. */
  public enum Type {
    /** {@code type: integer}. */
    INTEGER,
    /** {@code type: boolean}. */
    BOOLEAN,
    /** {@code type: string}, without an enum or a date format. */
    STRING,
    /** {@code type: string, format: date-time}: an ISO-8601 instant with an offset. */
    DATE_TIME,
    /** A string enum: one of the allowed values, or a value newer than this SDK. */
    ENUM
  }

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** A whole number as the API writes one: optional minus, ASCII digits, no leading zero. */
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,18})");
  /** How enum values are spelled on this API; a newer value must look like one. */
  private static final Pattern ENUM_TOKEN = Pattern.compile("-?[a-z][a-z0-9_-]*");

  private final String name;
  private final String javaName;
  private final Type type;
  private final boolean repeated;
  private final String description;
  private final @Nullable String format;
  private final @Nullable Long minimum;
  private final @Nullable Long maximum;
  private final @Nullable Integer minLength;
  private final @Nullable String defaultValue;
  private final @Nullable Class<? extends Enum<?>> enumType;
  /** The enum's known wire values, in declaration order; read once (every check of an enum value asks). */
  private final List<String> allowedValues;

  private QueryParameter(String name, String javaName, Type type, boolean repeated, String description,
      @Nullable String format, @Nullable Long minimum, @Nullable Long maximum, @Nullable Integer minLength,
      @Nullable String defaultValue, @Nullable Class<? extends Enum<?>> enumType) {
    this.name = name;
    this.javaName = javaName;
    this.type = type;
    this.repeated = repeated;
    this.description = description;
    this.format = format;
    this.minimum = minimum;
    this.maximum = maximum;
    this.minLength = minLength;
    this.defaultValue = defaultValue;
    this.enumType = enumType;
    this.allowedValues = knownValues(enumType);
  }

  private static List<String> knownValues(@Nullable Class<? extends Enum<?>> enumType) {
    if (enumType == null) {
      return List.of();
    }
    List<String> known = new ArrayList<>();
    for (Enum<?> member : enumType.getEnumConstants()) {
      OpenEnum value = (OpenEnum) member;
      if (value.isKnown()) {
        known.add(String.valueOf(value.getValue()));
      }
    }
    return List.copyOf(known);
  }

  /**
   * Describes a parameter; refine it with the {@code with…} methods.
   *
   * @param name the wire name, for example {@code parent_session_id}
   * @param javaName the name of its builder method, for example {@code parentSessionId}
   * @param type its kind of value
   * @param repeated whether it takes several values, sent as repeated keys
   * @param description the spec's description
   * @return the description of the parameter
   */
  public static QueryParameter of(String name, String javaName, Type type, boolean repeated, String description) {
    return new QueryParameter(name, javaName, type, repeated, description.strip(), null, null, null, null, null, null);
  }

  /**
   * @param format the spec's {@code format}, for example {@code uuid}
   * @return a copy with that format
   */
  public QueryParameter withFormat(String format) {
    return new QueryParameter(name, javaName, type, repeated, description, format, minimum, maximum, minLength, defaultValue, enumType);
  }

  /**
   * @param minimum the smallest value allowed
   * @param maximum the largest value allowed, or {@code null} for none
   * @return a copy with those bounds
   */
  public QueryParameter withBounds(@Nullable Long minimum, @Nullable Long maximum) {
    return new QueryParameter(name, javaName, type, repeated, description, format, minimum, maximum, minLength, defaultValue, enumType);
  }

  /**
   * @param minLength the shortest string allowed
   * @return a copy with that length bound
   */
  public QueryParameter withMinLength(int minLength) {
    return new QueryParameter(name, javaName, type, repeated, description, format, minimum, maximum, minLength, defaultValue, enumType);
  }

  /**
   * @param defaultValue the value the server uses when the parameter is not sent: a typed value (an enum
   *     member, a number) or its wire form
   * @return a copy with that default
   */
  public QueryParameter withDefault(Object defaultValue) {
    String wire = defaultValue instanceof OpenEnum member ? String.valueOf(member.getValue()) : defaultValue.toString();
    return new QueryParameter(name, javaName, type, repeated, description, format, minimum, maximum, minLength, wire, enumType);
  }

  /**
   * @param enumType the generated enum of the values (an {@link OpenEnum})
   * @return a copy whose allowed values are that enum's known values
   */
  public QueryParameter withEnum(Class<? extends Enum<?>> enumType) {
    if (!OpenEnum.class.isAssignableFrom(enumType)) {
      throw new IllegalArgumentException(enumType.getName() + " is not an OpenEnum");
    }
    return new QueryParameter(name, javaName, Type.ENUM, repeated, description, format, minimum, maximum, minLength, defaultValue, enumType);
  }

  /** @return the wire name, for example {@code parent_session_id} */
  public String name() {
    return name;
  }

  /** @return the name of its builder method and accessor, for example {@code parentSessionId} */
  public String javaName() {
    return javaName;
  }

  /** @return its kind of value */
  public Type type() {
    return type;
  }

  /** @return whether it takes several values, sent as one repeated key per value */
  public boolean repeated() {
    return repeated;
  }

  /** @return the spec's description, trimmed */
  public String description() {
    return description;
  }

  /** @return the spec's {@code format} ({@code uuid}, {@code date-time}, {@code int32}…), if any */
  public @Nullable String format() {
    return format;
  }

  /** @return the smallest value allowed, if the spec sets one */
  public @Nullable Long minimum() {
    return minimum;
  }

  /** @return the largest value allowed, if the spec sets one */
  public @Nullable Long maximum() {
    return maximum;
  }

  /** @return the shortest string allowed, if the spec sets one */
  public @Nullable Integer minLength() {
    return minLength;
  }

  /** @return the server's value when the parameter is not sent, in wire form, if the spec names one */
  public @Nullable String defaultValue() {
    return defaultValue;
  }

  /** @return the values the spec allows, in its order; empty when any value of the type is allowed */
  public List<String> allowedValues() {
    return allowedValues;
  }

  /**
   * @param wireValue a value in wire form
   * @return whether the spec names it (always true for a parameter that is not an enum)
   */
  public boolean isKnownValue(String wireValue) {
    return enumType == null || allowedValues().contains(wireValue);
  }

  /**
   * Checks a value in wire form against the spec: its type, bounds and length. An enum value the spec
   * does not name is accepted when it is spelled like one (a value newer than this SDK); use
   * {@link #isKnownValue} to tell.
   *
   * @param wireValue the value as it would be sent
   * @return the value
   * @throws InvalidParameterException naming the parameter, what was wrong and what is allowed
   */
  public String check(@Nullable String wireValue) {
    if (wireValue == null) {
      throw newInvalid("must not be null" + allowedHint());
    }
    switch (type) {
      case INTEGER -> {
        // ASCII digits only: Long.parseLong would take "+5", "007" or other scripts' digits.
        long value;
        try {
          if (!INTEGER.matcher(wireValue).matches()) {
            throw new NumberFormatException(wireValue);
          }
          value = Long.parseLong(wireValue);
        } catch (NumberFormatException e) {
          throw newInvalid("must be a whole number" + boundsHint() + ", but was \"" + wireValue + "\"");
        }
        checkBounds(value);
        if ("int32".equals(format) && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
          throw newInvalid("must be a 32-bit integer (at most " + Integer.MAX_VALUE + "), but was " + value);
        }
      }
      case BOOLEAN -> {
        if (!wireValue.equals("true") && !wireValue.equals("false")) {
          throw newInvalid("must be true or false, but was \"" + wireValue + "\"");
        }
      }
      case DATE_TIME -> {
        try {
          OffsetDateTime.parse(wireValue, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
          throw newInvalid("must be an ISO-8601 date-time with an offset, such as 2026-05-07T14:30:00Z, but was \""
              + wireValue + "\"");
        }
      }
      case ENUM -> {
        boolean signed = allowedValues().stream().anyMatch(v -> v.startsWith("-"));
        if (!isKnownValue(wireValue) && (!ENUM_TOKEN.matcher(wireValue).matches() || (wireValue.startsWith("-") && !signed))) {
          throw newInvalid("must be one of " + String.join(", ", allowedValues()) + " (or a newer value spelled like "
              + "them), but was \"" + wireValue + "\"");
        }
      }
      case STRING -> {
        // Not a rule of the spec: a blank filter is always a caller's mistake, so the SDK refuses it.
        if (isBlank(wireValue)) {
          throw newInvalid("must not be blank");
        }
        if (minLength != null && wireValue.length() < minLength) {
          throw newInvalid("must be at least " + minLength + " characters long, but was \"" + wireValue + "\"");
        }
        if ("uuid".equals(format) && !UUID.matcher(wireValue).matches()) {
          throw newInvalid("must be a UUID such as a1b2c3d4-e5f6-7890-abcd-ef1234567890, but was \"" + wireValue + "\"");
        }
      }
      default -> throw new AssertionError(type);
    }
    return wireValue;
  }

  /**
   * Checks a typed value of this parameter and turns it into its wire form.
   *
   * @param value an {@link Integer}, {@link Long}, {@link Boolean}, {@link String}, {@link OffsetDateTime} or
   *     member of the parameter's enum
   * @return the wire form
   * @throws InvalidParameterException when the value is null, out of bounds, or an enum's stand-in for newer
   *     values (which has no wire form)
   */
  public String toWire(@Nullable Object value) {
    if (value == null) {
      throw newInvalid("must not be null" + allowedHint());
    }
    if (value instanceof OpenEnum member) {
      if (!member.isKnown()) {
        throw newInvalid("cannot be " + value.getClass().getSimpleName() + "." + ((Enum<?>) value).name()
            + ", the stand-in for values newer than this SDK; allowed: " + String.join(", ", allowedValues())
            + ". To send a value newer than this SDK, use " + javaName + "NewerThanSdk(\"the_value\").");
      }
      return check(String.valueOf(member.getValue()));
    }
    if (value instanceof OffsetDateTime time) {
      return check(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
    }
    return check(value.toString());
  }

  /**
   * Checks a value newer than this SDK for an enum parameter: spelled like the API's values and not one
   * the spec names (for those the typed setter exists).
   *
   * @param wireValue the value as the server spells it
   * @return the value
   * @throws InvalidParameterException when malformed or documented
   */
  public String checkNewer(@Nullable String wireValue) {
    if (enumType == null) {
      throw new IllegalStateException(name + " is not an enum parameter");
    }
    if (wireValue == null || wireValue.isBlank()) {
      throw newInvalid("needs a value newer than this SDK, but was " + (wireValue == null ? "null" : "blank"));
    }
    if (isKnownValue(wireValue)) {
      Object member = decode(wireValue);
      throw newInvalid("value \"" + wireValue + "\" is documented: use " + javaName + "(" + enumType.getSimpleName() + "."
          + ((Enum<?>) member).name() + ") instead of " + javaName + "NewerThanSdk");
    }
    return check(wireValue);
  }

  /**
   * Turns a checked wire value back into its Java type.
   *
   * @param wireValue a value that passed {@link #check}
   * @return an {@link Integer}/{@link Long} (by {@code format}), {@link Boolean}, {@link String},
   *     {@link OffsetDateTime} or enum member (the stand-in for a newer value)
   */
  public Object decode(String wireValue) {
    return switch (type) {
      case INTEGER -> "int64".equals(format) ? (Object) Long.valueOf(wireValue) : (Object) Integer.valueOf(wireValue);
      case BOOLEAN -> Boolean.valueOf(wireValue);
      case DATE_TIME -> OffsetDateTime.parse(wireValue, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      case ENUM -> member(wireValue);
      case STRING -> wireValue;
    };
  }

  private Object member(String wireValue) {
    Enum<?>[] members = Objects.requireNonNull(enumType).getEnumConstants();
    for (Enum<?> member : members) {
      if (((OpenEnum) member).isKnown() && String.valueOf(((OpenEnum) member).getValue()).equals(wireValue)) {
        return member;
      }
    }
    return Arrays.stream(members).filter(m -> !((OpenEnum) m).isKnown()).findFirst().orElseThrow();
  }

  /** Blank as a person sees it: nothing but spaces of any kind and invisible format characters. */
  private static boolean isBlank(String value) {
    return value.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.getType(c) == Character.FORMAT);
  }

  private void checkBounds(long value) {
    if ((minimum != null && value < minimum) || (maximum != null && value > maximum)) {
      throw newInvalid("must be " + boundsText() + ", but was " + value);
    }
  }

  private String boundsText() {
    if (minimum != null && maximum != null) {
      return "between " + minimum + " and " + maximum;
    }
    return minimum != null ? minimum + " or more" : maximum + " or less";
  }

  private String boundsHint() {
    return minimum == null && maximum == null ? "" : " " + boundsText();
  }

  private String allowedHint() {
    return enumType == null ? "" : "; allowed: " + String.join(", ", allowedValues());
  }

  InvalidParameterException newInvalid(String problem) {
    return new InvalidParameterException(this, problem);
  }

  /** @return the wire name and what the spec says about it, for logs and debugging */
  @Override
  public String toString() {
    return "QueryParameter{" + name + ", " + type + (repeated ? "[]" : "")
        + (defaultValue == null ? "" : ", default " + defaultValue) + "}";
  }
}
