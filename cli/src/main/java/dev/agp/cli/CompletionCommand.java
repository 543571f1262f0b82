package dev.agp.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code agp completion bash|zsh}: a completion script for every command and option, the spec's filters included. */
final class CompletionCommand implements Callable<Integer> {

  final AgpCommand root;
  final CommandSpec spec;

  CompletionCommand(AgpCommand root) {
    this.root = root;
    spec = CommandSpecs.command(this, "completion", "Print a shell completion script for bash or zsh.",
        "Load it now with: source <(agp completion bash)   (zsh: source <(agp completion zsh))");
    spec.addPositional(CommandSpecs.firstParameter("bash|zsh", "The shell."));
  }

  @Override
  public Integer call() {
    String shell = CommandSpecs.parameter(spec, 0);
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new ParameterException(spec.commandLine(), "the shell must be bash or zsh, but was " + Output.visible(shell));
    }
    // picocli's script serves both: under zsh it loads bashcompinit itself.
    root.context.out.print(AutoComplete.bash("agp", spec.root().commandLine()));
    root.context.out.flush();
    return 0;
  }
}
