package dev.agp.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The global options ({@code --base-url}, {@code --sandbox}, {@code --timeout}…) are declared once on
 * {@code agp} and inherited, so that they may follow a subcommand ({@code agp sessions list --verbose}).
 * This keeps them out of each subcommand's help, which points to {@code agp --help} instead, and removes
 * them from the commands that never call the API, where they would mean nothing.
 */
final class GlobalOptions {

  /** Commands that make no API call: no global option applies to them. */
  private static final Set<String> OFFLINE = Set.of("sandbox", "completion", "help");

  private GlobalOptions() {}

  static void documentOnce(CommandLine root) {
    for (CommandLine sub : root.getSubcommands().values()) {
      visit(sub, OFFLINE.contains(sub.getCommandName()));
    }
  }

  private static void visit(CommandLine command, boolean offline) {
    CommandSpec spec = command.getCommandSpec();
    List<OptionSpec> inherited = spec.options().stream().filter(OptionSpec::inherited).toList();
    if (offline) {
      inherited.forEach(spec::remove);
    } else if (!inherited.isEmpty()) {
      // Still accepted here, but listed once, in agp's own help.
      spec.usageMessage().abbreviateSynopsis(true);
      command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, help ->
          help.optionListExcludingGroups(spec.options().stream().filter(o -> !o.inherited() && !o.hidden()).toList(),
              help.createDefaultLayout(), help.createDefaultOptionSort(), help.createDefaultParamLabelRenderer()));
      spec.usageMessage().footer("", "Global options (--base-url, --region, --sandbox, --request-timeout, --max-retries, "
          + "--concurrency, --no-progress, --verbose) may come before or after the command: see 'agp --help'.");
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      visit(sub, offline || OFFLINE.contains(sub.getCommandName()));
    }
  }
}
