package dev.agp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code agp sessions}: the session commands. */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "List sessions, read one, or walk a subagent tree.",
    subcommands = {ListCommand.class, GetCommand.class, StatusCommand.class, TreeCommand.class, HelpCommand.class},
    synopsisSubcommandLabel = "COMMAND")
final class SessionsCommand implements Runnable {

  @ParentCommand AgpCommand root;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw AgpCommand.missingCommand(spec);
  }
}
