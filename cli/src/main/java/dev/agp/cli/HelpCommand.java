package dev.agp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code agp help [COMMAND...]}: the help of a command at any depth ({@code agp help sessions list}); picocli's
 * own help command looks one level down only.
 */
final class HelpCommand implements IHelpCommandInitializable2, Runnable {

  final CommandSpec spec;

  HelpCommand() {
    spec = CommandSpec.wrapWithoutInspection(this);
    spec.name("help").helpCommand(true);
    spec.usageMessage().description("Show the help of this command, or of one below it: agp help sessions list.");
    spec.addPositional(PositionalParamSpec.builder().arity("0..*").paramLabel("COMMAND").type(List.class)
        .auxiliaryTypes(String.class).initialValue(new ArrayList<String>())
        .description("The command, as typed after this one.").build());
  }

  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = out;
  }

  @Override
  public void run() {
    CommandLine target = self.getParent();
    List<String> path = spec.positionalParameters().get(0).getValue();
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null && target.getSubcommands().isEmpty()) {
        throw new ParameterException(self, "'" + target.getCommandSpec().qualifiedName() + "' has no commands below it, "
            + "but was given '" + Output.visible(name) + "'");
      }
      if (next == null) {
        throw new ParameterException(self, "no command '" + Output.visible(name) + "' in '"
            + target.getCommandSpec().qualifiedName() + "': " + AgpCommand.choices(target.getCommandSpec()));
      }
      target = next;
    }
    target.usage(out, colors);
  }
}
