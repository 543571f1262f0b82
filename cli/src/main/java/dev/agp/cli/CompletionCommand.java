package dev.agp.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code agp completion bash|zsh}: a completion script for every command and option, the spec's filters included. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Print a shell completion script for bash or zsh.",
        "Load it now with: source <(agp completion bash)   (zsh: source <(agp completion zsh))"})
final class CompletionCommand implements Callable<Integer> {

  @ParentCommand AgpCommand root;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "bash|zsh", description = "The shell.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new ParameterException(spec.commandLine(), "the shell must be bash or zsh, but was " + Output.visible(shell));
    }
    // picocli's script serves both: under zsh it loads bashcompinit itself.
    root.context.out.print(AutoComplete.bash("agp", spec.root().commandLine()));
    root.context.out.flush();
    return 0;
  }
}
