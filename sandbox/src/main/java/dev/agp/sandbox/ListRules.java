package dev.agp.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The query parameters of {@code GET /api/v2/sessions} as the spec declares them (read from the
 * {@code agp-openapi} resource at start, not copied): names, types, bounds, enums and defaults. Validates a
 * request's query the way the live server does (FastAPI-style 422 items) and hands back the values with
 * defaults applied.
 */
final class ListRules {

  /** The spec on the class path, from the {@code agp-openapi} artifact. */
  static final String SPEC_RESOURCE = "/dev/agp/openapi/agp-sessions.yaml";

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** One query parameter, as the spec declares it. */
  record Rule(String name, String type, @Nullable String format, boolean repeated, @Nullable Long minimum,
      @Nullable Long maximum, @Nullable Integer minLength, List<String> allowed, @Nullable String defaultValue) {}

  private final Map<String, Rule> rules;
  private final List<String> statuses;

  private ListRules(Map<String, Rule> rules, List<String> statuses) {
    this.rules = rules;
    this.statuses = statuses;
  }

  /** @return the rules of the spec on the class path */
  static ListRules fromClasspath() {
    // Through the class loader: on the module path the spec is a resource of another module (dev.agp.openapi),
    // which Class.getResourceAsStream would look for in this one only.
    try (InputStream in = ListRules.class.getClassLoader().getResourceAsStream(SPEC_RESOURCE.substring(1))) {
      if (in == null) {
        throw new IllegalStateException(SPEC_RESOURCE + " is not on the class path: the sandbox reads its rules "
            + "from the agp-openapi artifact");
      }
      return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param yaml the spec's text
   * @return its rules
   */
  static ListRules fromYaml(String yaml) {
    return parse(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
  }

  @SuppressWarnings("unchecked")
  private static ListRules parse(Map<String, Object> spec) {
    Map<String, Object> components = map(spec.get("components"));
    Map<String, Object> schemas = map(components.get("schemas"));
    Map<String, Object> sharedParameters = components.get("parameters") == null ? Map.of() : map(components.get("parameters"));
    Map<String, Object> list = map(map(map(spec.get("paths")).get("/api/v2/sessions")).get("get"));
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (Object p : (List<Object>) list.get("parameters")) {
      Map<String, Object> parameter = map(p);
      if (parameter.get("$ref") != null) {
        String ref = (String) parameter.get("$ref");
        parameter = map(sharedParameters.get(ref.substring(ref.lastIndexOf('/') + 1)));
      }
      if (!"query".equals(parameter.get("in"))) {
        continue;
      }
      String name = (String) parameter.get("name");
      Map<String, Object> schema = resolve(map(parameter.get("schema")), schemas);
      boolean repeated = "array".equals(schema.get("type"));
      Map<String, Object> value = repeated ? resolve(map(schema.get("items")), schemas) : schema;
      rules.put(name, new Rule(name, (String) value.get("type"), (String) value.get("format"), repeated,
          number(value.get("minimum")), number(value.get("maximum")),
          value.get("minLength") == null ? null : ((Number) value.get("minLength")).intValue(),
          value.get("enum") == null ? List.of() : ((List<Object>) value.get("enum")).stream().map(String::valueOf).toList(),
          schema.get("default") == null ? null : String.valueOf(schema.get("default"))));
    }
    List<String> statuses = ((List<Object>) map(schemas.get("LifecycleStatus")).get("enum")).stream()
        .map(String::valueOf).toList();
    return new ListRules(rules, statuses);
  }

  private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas) {
    Object ref = schema.get("$ref");
    if (ref == null) {
      return schema;
    }
    String name = ((String) ref).substring(((String) ref).lastIndexOf('/') + 1);
    return resolve(map(schemas.get(name)), schemas);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object o) {
    if (!(o instanceof Map)) {
      throw new IllegalStateException("the spec lacks an object the sandbox needs: " + o);
    }
    return (Map<String, Object>) o;
  }

  private static @Nullable Long number(@Nullable Object o) {
    return o == null ? null : ((Number) o).longValue();
  }

  /** @return every query parameter of the list operation, in the spec's order */
  List<Rule> rules() {
    return List.copyOf(rules.values());
  }

  /** @return the lifecycle statuses the spec names */
  List<String> statuses() {
    return statuses;
  }

  /**
   * Validates a request's query.
   *
   * @param url the request
   * @param errors where FastAPI-style 422 items go
   * @return each declared parameter's values: those sent, else its default (one value), else none
   */
  Map<String, List<String>> values(HttpUrl url, List<Map<String, Object>> errors) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (Rule rule : rules.values()) {
      List<String> sent = url.queryParameterValues(rule.name()).stream().map(String::valueOf).toList();
      if (!rule.repeated() && sent.size() > 1) {
        errors.add(item("multiple_values", List.of("query", rule.name()), "Expected a single value, got " + sent.size(), sent));
        continue;
      }
      List<String> valid = new ArrayList<>();
      for (int i = 0; i < sent.size(); i++) {
        List<Object> loc = rule.repeated() ? List.of("query", rule.name(), i) : List.of("query", rule.name());
        if (check(rule, sent.get(i), loc, errors)) {
          valid.add(sent.get(i));
        }
      }
      if (sent.isEmpty() && rule.defaultValue() != null) {
        valid.add(rule.defaultValue());
      }
      values.put(rule.name(), valid);
    }
    return values;
  }

  private static boolean check(Rule rule, String text, List<Object> loc, List<Map<String, Object>> errors) {
    int before = errors.size();
    if (!rule.allowed().isEmpty()) {
      if (!rule.allowed().contains(text)) {
        errors.add(item("enum", loc, "Input should be " + quoted(rule.allowed()), text));
      }
    } else if ("integer".equals(rule.type())) {
      try {
        long value = Long.parseLong(text);
        long max = rule.maximum() != null ? rule.maximum() : "int32".equals(rule.format()) ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (rule.minimum() != null && value < rule.minimum()) {
          errors.add(item("greater_than_equal", loc, "Input should be greater than or equal to " + rule.minimum(), text));
        } else if (value > max) {
          errors.add(item("less_than_equal", loc, "Input should be less than or equal to " + max, text));
        }
      } catch (NumberFormatException e) {
        errors.add(item("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", text));
      }
    } else if ("date-time".equals(rule.format())) {
      try {
        instant(text);
      } catch (DateTimeParseException e) {
        errors.add(item("datetime_from_date_parsing", loc, "Input should be a valid datetime or date, invalid character in year", text));
      }
    } else if ("uuid".equals(rule.format()) && !isUuid(text)) {
      errors.add(uuidError(loc, text));
    } else if (rule.minLength() != null && text.length() < rule.minLength()) {
      errors.add(item("string_too_short", loc, "String should have at least " + rule.minLength() + " character", text));
    }
    return errors.size() == before;
  }

  /**
   * Parses a date-time as the live server does: ISO-8601 with {@code Z} or an offset, with or without a
   * colon in the offset ({@code +00:00} or {@code +0000}, as Python clients send it).
   *
   * @param text the value
   * @return the instant
   * @throws DateTimeParseException when it is not a date-time
   */
  static Instant instant(String text) {
    String colonOffset = text.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2");
    return OffsetDateTime.parse(colonOffset, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  private static String quoted(List<String> values) {
    List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
    return quoted.size() == 1 ? quoted.get(0)
        : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
  }

  /** @return whether the text is a UUID in its canonical form (any case), as the spec's {@code format: uuid} */
  static boolean isUuid(String text) {
    return UUID.matcher(text).matches();
  }

  /** @return the validation item the live API answers for a value that is not a UUID */
  static Map<String, Object> uuidError(List<Object> loc, String text) {
    return item("uuid_parsing", loc, "Input should be a valid UUID, invalid character: expected an optional prefix of "
        + "`urn:uuid:` followed by [0-9a-fA-F-]", text);
  }

  static Map<String, Object> item(String type, List<Object> loc, String msg, Object input) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", type);
    item.put("loc", loc);
    item.put("msg", msg);
    item.put("input", input);
    return item;
  }
}
