package dev.agp.cli;

import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.runtime.InvalidParameterException;
import dev.agp.generated.runtime.QueryParameter;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The options of {@code agp sessions list} that set the list operation's query parameters, built from the
 * spec's description of them ({@link ListSessionsParams#PARAMETERS}) rather than written per parameter: a
 * parameter added to the spec appears as {@code --kebab-name}, with the spec's description as help, its
 * enum values checked, repeatable when the spec repeats it, and its bounds checked before any request.
 */
final class FilterOptions {

  /** Names the CLI had before its options came from the spec; they keep working. */
  private static final Map<String, String> ALIASES = Map.of("parent_session_id", "--parent");
  private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhdw])");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private FilterOptions() {}

  /**
   * Adds one option per parameter. A parameter whose name an option of the command already has (a future
   * {@code limit} or {@code format} filter) is offered as {@code --query-<name>} instead, so that no spec
   * change can break the command line.
   *
   * @param command the {@code list} command
   * @param parameters the operation's parameters
   */
  static void addTo(CommandSpec command, List<QueryParameter> parameters) {
    for (QueryParameter parameter : parameters) {
      List<String> names = new ArrayList<>();
      names.add(flag(command, parameter));
      if (ALIASES.containsKey(parameter.name()) && command.findOption(ALIASES.get(parameter.name())) == null) {
        names.add(ALIASES.get(parameter.name()));
      }
      OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new))
          .paramLabel(label(parameter))
          .arity("1")
          .description(help(parameter))
          .userObject(parameter);
      if (!parameter.allowedValues().isEmpty()) {
        // Shell completion offers the spec's values (agp completion bash).
        option.completionCandidates(parameter.allowedValues());
      } else if (parameter.type() == QueryParameter.Type.BOOLEAN) {
        option.completionCandidates(List.of("true", "false"));
      }
      if (parameter.repeated()) {
        option.type(List.class).auxiliaryTypes(String.class);
      } else {
        option.type(String.class);
      }
      command.addOption(option.build());
    }
  }

  /**
   * Reads the options given into the list operation's parameters, checked against the spec.
   *
   * @param command the parsed {@code list} command
   * @param err where to warn about values newer than this version
   * @param now the time durations such as {@code 24h} count back from
   * @return the parameters
   * @throws ParameterException naming the option, what was wrong and what is allowed
   */
  static ListSessionsParams read(CommandSpec command, PrintWriter err, Instant now) {
    ListSessionsParams.Builder params = ListSessionsParams.builder();
    for (QueryParameter parameter : ListSessionsParams.PARAMETERS) {
      Object value = command.findOption(flag(command, parameter)).getValue();
      List<String> values = new ArrayList<>();
      if (value instanceof List<?> list) {
        list.forEach(v -> values.add(String.valueOf(v)));
      } else if (value != null) {
        values.add(value.toString());
      }
      for (String given : values) {
        String wire = parameter.type() == QueryParameter.Type.DATE_TIME ? instant(parameter, given, now) : given;
        try {
          params.wireValue(parameter.name(), wire);
        } catch (InvalidParameterException e) {
          String problem = parameter.type() == QueryParameter.Type.DATE_TIME
              ? "must be an ISO-8601 instant such as 2026-05-07T14:30:00Z, or a time back from now such as 90m, 24h "
                  + "or 7d (at most 100 years), but was \"" + Output.visible(given) + "\""
              : e.problem();
          throw new ParameterException(command.commandLine(), flag(command, parameter) + " " + problem);
        }
        if (!parameter.isKnownValue(wire)) {
          err.println("agp: warning: " + flag(command, parameter) + " " + wire + " is not a value this version of agp knows ("
              + String.join(", ", parameter.allowedValues()) + "); sending it as given");
        }
      }
    }
    return params.build();
  }

  /** @return the parameter's option name: {@code parent_session_id} becomes {@code --parent-session-id} */
  static String flag(QueryParameter parameter) {
    return "--" + parameter.name().replace('_', '-').toLowerCase(Locale.ROOT);
  }

  /** @return the name the parameter has, or will have, on this command: {@code --query-…} when taken */
  private static String flag(CommandSpec command, QueryParameter parameter) {
    OptionSpec existing = command.findOption(flag(parameter));
    boolean taken = existing != null && !(existing.userObject() instanceof QueryParameter);
    return taken ? "--query-" + flag(parameter).substring(2) : flag(parameter);
  }

  /** An ISO-8601 instant as given, or a duration back from now ({@code 90m}, {@code 24h}, {@code 7d}). */
  private static String instant(QueryParameter parameter, String given, Instant now) {
    Matcher ago = AGO.matcher(given);
    if (!ago.matches()) {
      return given;
    }
    long amount = Long.parseLong(ago.group(1));
    Duration back = switch (ago.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofDays(7 * amount);
    };
    if (back.compareTo(Duration.ofDays(36_525)) > 0) {
      return given; // refused by the check, with the message above
    }
    return DateTimeFormatter.ISO_INSTANT.format(now.minus(back).truncatedTo(ChronoUnit.SECONDS));
  }

  private static String label(QueryParameter parameter) {
    return switch (parameter.type()) {
      case INTEGER -> "N";
      case BOOLEAN -> "true|false";
      case DATE_TIME -> "TIME";
      case ENUM -> parameter.name().toUpperCase(Locale.ROOT);
      case STRING -> "uuid".equals(parameter.format()) ? "ID" : "TEXT";
    };
  }

  private static String help(QueryParameter parameter) {
    StringBuilder help = new StringBuilder(WHITESPACE.matcher(parameter.description()).replaceAll(" "));
    if (!parameter.allowedValues().isEmpty()) {
      help.append(" One of: ").append(String.join(", ", parameter.allowedValues())).append('.');
    }
    if (parameter.minimum() != null || parameter.maximum() != null) {
      help.append(" From ").append(parameter.minimum() == null ? "any" : parameter.minimum())
          .append(parameter.maximum() == null ? " up" : " to " + parameter.maximum()).append('.');
    }
    if (parameter.type() == QueryParameter.Type.DATE_TIME) {
      help.append(" An ISO-8601 instant such as 2026-05-07T14:30:00Z, or a time back from now such as 90m, 24h, 7d.");
    }
    if (parameter.repeated()) {
      help.append(" Repeatable.");
    }
    if (parameter.defaultValue() != null) {
      help.append(" Server default: ").append(parameter.defaultValue()).append('.');
    }
    // picocli reads descriptions as format strings.
    return help.toString().replace("%", "%%");
  }
}
