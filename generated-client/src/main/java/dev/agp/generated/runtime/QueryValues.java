package dev.agp.generated.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The query of one request in wire form: for each parameter that is set, its values as they will be sent,
 * checked against the spec as they were set; plus additional parameters this SDK does not know. The state
 * behind every generated parameters type, so that each of them is a typed view and nothing more.
 *
 * <p>Immutable; {@link Builder} is not thread-safe.
 */
public final class QueryValues {

  /** How query parameter names are spelled on this API; additional ones must look like one. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-\\[\\]]*");

  private final List<QueryParameter> parameters;
  private final Map<String, List<String>> values;
  private final Map<String, String> additional;

  private QueryValues(List<QueryParameter> parameters, Map<String, List<String>> values, Map<String, String> additional) {
    this.parameters = parameters;
    this.values = values;
    this.additional = additional;
  }

  /**
   * @param parameters the operation's parameters, in the spec's order
   * @return an empty builder for them
   */
  public static Builder builder(List<QueryParameter> parameters) {
    return new Builder(parameters);
  }

  /** @return a builder holding these values, to derive a changed copy */
  public Builder toBuilder() {
    Builder b = new Builder(parameters);
    values.forEach((name, list) -> b.values.put(name, new LinkedHashSet<>(list)));
    b.additional.putAll(additional);
    return b;
  }

  /** @return the operation's parameters, in the spec's order */
  public List<QueryParameter> parameters() {
    return parameters;
  }

  /**
   * @param name a parameter's wire name
   * @return its single value in wire form, or {@code null} when not set
   */
  public @Nullable String wireValue(String name) {
    List<String> list = values.get(name);
    return list == null ? null : list.get(0);
  }

  /**
   * @param name a parameter's wire name
   * @return its values in wire form, in the order set, without duplicates; empty when not set
   */
  public List<String> wireValues(String name) {
    return values.getOrDefault(name, List.of());
  }

  /**
   * @param parameter one of the operation's parameters
   * @param type the Java type it decodes to
   * @param <T> that type
   * @return its single value, decoded, if set
   */
  public <T> Optional<T> decoded(QueryParameter parameter, Class<T> type) {
    String wire = wireValue(parameter.name());
    return wire == null ? Optional.empty() : Optional.of(type.cast(parameter.decode(wire)));
  }

  /**
   * @param parameter one of the operation's repeated parameters
   * @param type the Java type its values decode to
   * @param <T> that type
   * @return its values, decoded (a value newer than this SDK decodes to the enum's stand-in)
   */
  public <T> List<T> decodedAll(QueryParameter parameter, Class<T> type) {
    return wireValues(parameter.name()).stream().map(v -> type.cast(parameter.decode(v))).toList();
  }

  /** @return the additional parameters, by name, in the order set */
  public Map<String, String> additional() {
    return additional;
  }

  /**
   * @return every parameter that is set, in the spec's order, then the additional ones: the query as it
   *     will be sent
   */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> all = new LinkedHashMap<>(values);
    additional.forEach((name, value) -> all.put(name, List.of(value)));
    return Collections.unmodifiableMap(all);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof QueryValues other && values.equals(other.values) && additional.equals(other.additional);
  }

  @Override
  public int hashCode() {
    return Objects.hash(values, additional);
  }

  /**
   * @param typeName the name of the parameters type
   * @return {@code TypeName{status=[running, paused], size=50}}: every value that is set, in wire form
   */
  public String toString(String typeName) {
    StringBuilder s = new StringBuilder(typeName).append('{');
    asMap().forEach((name, list) -> {
      if (s.charAt(s.length() - 1) != '{') {
        s.append(", ");
      }
      QueryParameter parameter = find(parameters, name);
      s.append(name).append('=').append(printable(String.valueOf(parameter != null && parameter.repeated() ? list : list.get(0))));
    });
    return s.append('}').toString();
  }

  @Override
  public String toString() {
    return toString("QueryValues");
  }

  /** Control and invisible characters as {@code \\uXXXX}, so that a logged query cannot forge log lines. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static @Nullable QueryParameter find(List<QueryParameter> parameters, String name) {
    for (QueryParameter parameter : parameters) {
      if (parameter.name().equals(name)) {
        return parameter;
      }
    }
    return null;
  }

  /** Collects values, checking each against the spec as it comes. */
  public static final class Builder {
    private final List<QueryParameter> parameters;
    private final Map<String, Set<String>> values = new LinkedHashMap<>();
    private final Map<String, String> additional = new LinkedHashMap<>();

    private Builder(List<QueryParameter> parameters) {
      this.parameters = List.copyOf(parameters);
    }

    /**
     * Sets a single-valued parameter, or adds to a repeated one (duplicates are dropped).
     *
     * @param parameter one of the operation's parameters
     * @param value a typed value (see {@link QueryParameter#toWire})
     * @return this builder
     * @throws InvalidParameterException when the spec does not allow the value
     */
    public Builder set(QueryParameter parameter, @Nullable Object value) {
      return setWire(parameter, parameter.toWire(value));
    }

    /**
     * Adds typed values to a repeated parameter.
     *
     * @param parameter one of the operation's repeated parameters
     * @param values typed values; none may be null
     * @return this builder
     * @throws InvalidParameterException when the spec does not allow a value; none is added then
     */
    public Builder addAll(QueryParameter parameter, @Nullable Iterable<?> values) {
      if (values == null) {
        throw parameter.newInvalid("must not be null");
      }
      List<String> wire = new ArrayList<>();
      for (Object value : values) {
        wire.add(parameter.toWire(value));
      }
      wire.forEach(v -> setWire(parameter, v));
      return this;
    }

    /**
     * Adds an enum value newer than this SDK (see {@link QueryParameter#checkNewer}).
     *
     * @param parameter one of the operation's enum parameters
     * @param wireValue the value as the server spells it
     * @return this builder
     */
    public Builder setNewer(QueryParameter parameter, @Nullable String wireValue) {
      return setWire(parameter, parameter.checkNewer(wireValue));
    }

    /**
     * Sets or adds a value by the parameter's wire name and the value's wire form, as a command line or a
     * configuration file gives them. Checked like the typed setters, except that an enum value newer
     * than this SDK is accepted when spelled like one.
     *
     * @param name the parameter's wire name
     * @param wireValue the value
     * @return this builder
     * @throws IllegalArgumentException for a name the spec does not declare (see {@link #additional})
     * @throws InvalidParameterException when the spec does not allow the value
     */
    public Builder wireValue(String name, @Nullable String wireValue) {
      QueryParameter parameter = parameter(name);
      return setWire(parameter, parameter.check(wireValue));
    }

    /**
     * Sends a parameter this SDK's spec does not declare, verbatim (one value; a later call replaces it).
     *
     * @param name the parameter's wire name; not one the spec declares
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for a declared name (use its setter), a malformed name or a null value
     */
    public Builder additional(String name, String value) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("additional query parameter name must be letters, digits, _ . - [ ], "
            + "starting with a letter, but was \"" + name + "\"");
      }
      String bare = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
      QueryParameter declared = parameters.stream().filter(p -> p.name().equalsIgnoreCase(bare)).findFirst().orElse(null);
      if (declared != null) {
        throw new IllegalArgumentException("\"" + name + "\" is a declared parameter: use " + declared.javaName()
            + "(…) instead of an additional query parameter");
      }
      if (value == null) {
        throw new IllegalArgumentException("additional query parameter " + name + " must not have a null value");
      }
      additional.put(name, value);
      return this;
    }

    /**
     * Removes a parameter's values, so that the server's default applies.
     *
     * @param parameter one of the operation's parameters
     * @return this builder
     */
    public Builder clear(QueryParameter parameter) {
      values.remove(parameter.name());
      return this;
    }

    /** @return the values collected so far */
    public QueryValues build() {
      Map<String, List<String>> ordered = new LinkedHashMap<>();
      for (QueryParameter parameter : parameters) {
        Set<String> set = values.get(parameter.name());
        if (set != null && !set.isEmpty()) {
          ordered.put(parameter.name(), List.copyOf(set));
        }
      }
      return new QueryValues(parameters, Collections.unmodifiableMap(ordered),
          Collections.unmodifiableMap(new LinkedHashMap<>(additional)));
    }

    private Builder setWire(QueryParameter parameter, String wire) {
      if (parameter.repeated()) {
        values.computeIfAbsent(parameter.name(), k -> new LinkedHashSet<>()).add(wire);
      } else {
        Set<String> one = new LinkedHashSet<>();
        one.add(wire);
        values.put(parameter.name(), one);
      }
      return this;
    }

    private QueryParameter parameter(String name) {
      QueryParameter parameter = find(parameters, name);
      if (parameter == null) {
        throw new IllegalArgumentException("unknown query parameter \"" + name + "\"; the spec declares "
            + String.join(", ", parameters.stream().map(QueryParameter::name).toList()));
      }
      return parameter;
    }
  }
}
