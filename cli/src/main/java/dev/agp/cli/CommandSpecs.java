package dev.agp.cli;

import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Builds picocli's model of the commands by hand, with its programmatic API. The commands carry no picocli
 * annotations: reading them by reflection (the JDK parses each annotation and makes a proxy class per
 * annotation type) was more than half of a cold start, which is most of a short command's wall time.
 */
final class CommandSpecs {

  private static final VersionProvider VERSION = new VersionProvider();
  private static final Pattern CHOICES = Pattern.compile("[a-z_-]+(\\|[a-z_-]+)+");

  private CommandSpecs() {}

  /**
   * @param command the object picocli runs (a {@link Runnable} or a {@link java.util.concurrent.Callable})
   * @param name the command's name
   * @param description the lines of its help's description
   * @return the command's model with {@code -h/--help} and {@code -V/--version}
   */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name(name).versionProvider(VERSION);
    spec.usageMessage().description(description);
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build());
    spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
        .description("Print version information and exit.").build());
    return spec;
  }

  /**
   * @param label the value's name in the help ({@code N}, {@code URL})
   * @param type the value's type
   * @param names the option's names
   * @return an option taking one value
   */
  static OptionSpec.Builder option(String label, Class<?> type, String... names) {
    OptionSpec.Builder option = OptionSpec.builder(names).paramLabel(label).type(type).arity("1");
    if (CHOICES.matcher(label).matches()) {
      // A label that lists the choices (table|json|jsonl, eu|us) is what shell completion offers.
      option.completionCandidates(List.of(label.split("\\|")));
    }
    return option;
  }

  /**
   * @param names the option's names
   * @return an option without a value: given means on
   */
  static OptionSpec.Builder flag(String... names) {
    return OptionSpec.builder(names).type(boolean.class).arity("0").initialValue(false);
  }

  /**
   * @param label the parameter's name in the help
   * @param description its help
   * @return the command's first and only positional parameter, required
   */
  static PositionalParamSpec firstParameter(String label, String description) {
    return PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel(label).type(String.class)
        .description(description).build();
  }

  /**
   * @param spec a parsed command
   * @param name one of an option's names
   * @param <T> the option's type
   * @return the option's value: as given, else its default, else {@code null}
   */
  @SuppressWarnings("unchecked")
  static <T> @Nullable T value(CommandSpec spec, String name) {
    return (T) spec.findOption(name).getValue();
  }

  /**
   * @param spec a parsed command
   * @param index the positional parameter's index
   * @return its value as given
   */
  static String parameter(CommandSpec spec, int index) {
    return spec.positionalParameters().get(index).getValue();
  }

  /**
   * A setter for an option that may be given before and after a subcommand ({@code agp --verbose sessions
   * list --verbose}): picocli sets an inherited option to its initial value again when it enters the
   * subcommand, so the receiver sees {@code null} or {@code false} then, and must keep what it had.
   *
   * @param receiver what to do with each value set
   * @return the setter
   */
  static ISetter setter(Consumer<@Nullable Object> receiver) {
    return new ISetter() {
      @Override
      public <T> @Nullable T set(@Nullable T value) {
        receiver.accept(value);
        return null;
      }
    };
  }
}
