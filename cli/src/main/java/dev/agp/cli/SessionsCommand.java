package dev.agp.cli;

import picocli.CommandLine.Model.CommandSpec;

/** {@code agp sessions}: the session commands. */
final class SessionsCommand implements Runnable {

  final AgpCommand root;
  final CommandSpec spec;

  SessionsCommand(AgpCommand root) {
    this.root = root;
    spec = CommandSpecs.command(this, "sessions", "List sessions, read one, or walk a subagent tree.");
    spec.usageMessage().synopsisSubcommandLabel("COMMAND");
  }

  @Override
  public void run() {
    throw AgpCommand.missingCommand(spec);
  }
}
