package dev.agp.openapi;

import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;

/**
 * What a spec change means for clients built from the older spec, in three kinds: compatible; felt by
 * old clients but announced by the spec (a named enum gains values, which open-enum clients decode as
 * unknown; a query parameter's schema narrows); breaking (everything else openapi-diff calls
 * incompatible). Found by undoing the first two kinds in the newer spec and diffing again.
 */
record Verdict(List<String> widenedEnums, List<String> narrowedParameters, List<String> changedParameters,
    Set<String> names, boolean breaking) {

  /** The schema keywords that only bound a value: a change to them alone narrows or widens a parameter. */
  private static final Set<String> BOUNDS = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
      "minLength", "maxLength", "minItems", "maxItems");
  /** Keywords that change no accepted value. */
  private static final Set<String> DOCUMENTATION = Set.of("description", "example", "examples", "title");

  static Verdict of(String baselineYaml, String workingYaml) {
    OpenAPI baseline = parse(baselineYaml);
    OpenAPI working = parse(workingYaml);
    List<String> widened = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    Map<String, Schema> oldSchemas = baseline.getComponents().getSchemas();
    for (Map.Entry<String, Schema> entry : working.getComponents().getSchemas().entrySet()) {
      Schema<?> old = oldSchemas.get(entry.getKey());
      List<?> now = entry.getValue().getEnum();
      if (old == null || old.getEnum() == null || now == null || !now.containsAll(old.getEnum()) || now.size() == old.getEnum().size()) {
        continue;
      }
      List<String> added = now.stream().filter(v -> !old.getEnum().contains(v)).map(String::valueOf).toList();
      widened.add(entry.getKey() + " gains " + String.join(", ", added));
      names.addAll(added);
      restoreEnum(entry.getValue(), old);
    }
    List<String> narrowed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, PathItem> path : working.getPaths().entrySet()) {
      PathItem oldPath = baseline.getPaths().get(path.getKey());
      if (oldPath == null) {
        continue;
      }
      for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().readOperationsMap().entrySet()) {
        Operation oldOp = oldPath.readOperationsMap().get(op.getKey());
        if (oldOp == null || op.getValue().getParameters() == null || oldOp.getParameters() == null) {
          continue;
        }
        for (Parameter parameter : op.getValue().getParameters()) {
          for (Parameter oldParameter : oldOp.getParameters()) {
            if (parameter.getName() == null || !parameter.getName().equals(oldParameter.getName())
                || !"query".equals(parameter.getIn()) || !"query".equals(oldParameter.getIn())
                || Objects.equals(oldParameter.getSchema(), parameter.getSchema())) {
              continue;
            }
            if (!sameApartFrom(oldParameter.getSchema(), parameter.getSchema(), BOUNDS)) {
              // Its type, format, enum, default or items changed: old callers' values or expectations break.
              changed.add(parameter.getName());
            } else if (incompatibleAlone(baseline, oldParameter, parameter.getSchema())) {
              narrowed.add(parameter.getName());
              names.add(parameter.getName());
              parameter.setSchema(oldParameter.getSchema());
            }
          }
        }
      }
    }
    boolean breaking = !changed.isEmpty()
        || OpenApiCompare.fromContents(Yaml.pretty(baseline), Yaml.pretty(working)).isChanged().isIncompatible();
    return new Verdict(List.copyOf(widened), List.copyOf(narrowed), List.copyOf(changed), Set.copyOf(names), breaking);
  }

  /** Whether two schemas differ in nothing but documentation and the given keywords. */
  @SuppressWarnings("unchecked")
  private static boolean sameApartFrom(Schema<?> before, Schema<?> after, Set<String> ignored) {
    Map<String, Object> a = new java.util.HashMap<>(io.swagger.v3.core.util.Json.mapper().convertValue(before, Map.class));
    Map<String, Object> b = new java.util.HashMap<>(io.swagger.v3.core.util.Json.mapper().convertValue(after, Map.class));
    for (Set<String> keys : List.of(ignored, DOCUMENTATION)) {
      a.keySet().removeAll(keys);
      b.keySet().removeAll(keys);
    }
    return a.equals(b);
  }

  /** Whether changing only this parameter's schema in the older spec would be incompatible. */
  @SuppressWarnings("rawtypes")
  private static boolean incompatibleAlone(OpenAPI baseline, Parameter oldParameter, Schema newSchema) {
    String before = Yaml.pretty(baseline);
    Schema<?> oldSchema = oldParameter.getSchema();
    oldParameter.setSchema(newSchema);
    try {
      return OpenApiCompare.fromContents(before, Yaml.pretty(baseline)).isChanged().isIncompatible();
    } finally {
      oldParameter.setSchema(oldSchema);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void restoreEnum(Schema schema, Schema old) {
    schema.setEnum(new ArrayList<>(old.getEnum()));
  }

  private static OpenAPI parse(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    return Objects.requireNonNull(new OpenAPIV3Parser().readContents(yaml, null, options).getOpenAPI());
  }

  /** @return whether clients of the older spec can notice the change though it is not breaking */
  boolean feltByOldClients() {
    return !widenedEnums.isEmpty() || !narrowedParameters.isEmpty();
  }

  String describe() {
    List<String> parts = new ArrayList<>();
    if (breaking) {
      parts.add("BREAKING (needs a new major version)");
    }
    widenedEnums.forEach(w -> parts.add("enum values old clients do not know (decoded as unknown in answers): " + w));
    changedParameters.forEach(p -> parts.add("parameter " + p + " changed its type, format, enum, default or items"));
    narrowedParameters.forEach(p -> parts.add("parameter " + p + " accepts less than before"));
    return parts.isEmpty() ? "compatible" : String.join("; ", parts);
  }
}
