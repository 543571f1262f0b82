package dev.agp.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Durations as {@code kubectl wait --timeout} takes them: {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 500ms}. */
final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private Durations() {}

  /**
   * @param command the command, for the usage error
   * @param option the option's name, for the usage error
   * @param text the value as given
   * @param min the least allowed
   * @param max the most allowed
   * @return the duration
   * @throws ParameterException naming the option, the value and what is allowed (exit code 2)
   */
  static Duration parse(CommandSpec command, String option, String text, Duration min, Duration max) {
    Matcher part = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      });
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      throw new ParameterException(command.commandLine(), option + " must be a duration such as 90s, 30m or 1h30m, but was \""
          + Output.visible(text) + "\"");
    }
    if (total.compareTo(min) < 0 || total.compareTo(max) > 0) {
      throw new ParameterException(command.commandLine(), option + " must be between " + show(min) + " and " + show(max)
          + ", but was " + text);
    }
    return total;
  }

  /** @return a duration as a person reads it: {@code 1h30m}, {@code 45s}, {@code 500ms} */
  static String show(Duration duration) {
    if (duration.toMillis() < 1000) {
      return duration.toMillis() + "ms";
    }
    long seconds = duration.toSeconds();
    StringBuilder shown = new StringBuilder();
    if (seconds >= 3600) {
      shown.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      shown.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 > 0 || shown.length() == 0) {
      shown.append(seconds % 60).append('s');
    }
    return shown.toString();
  }
}
