package dev.agp.cli;

import dev.agp.generated.api.SessionsApi;
import dev.agp.generated.runtime.InvalidParameterException;
import dev.agp.generated.runtime.QueryParameter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A session id given on the command line, checked as the spec declares ids (a UUID) before any request. */
final class SessionIds {

  private static final QueryParameter ID = SessionsApi.GET_SESSION_PATH_PARAMETERS.get(0);

  private SessionIds() {}

  /**
   * @param command the command that took the id
   * @param id the id as given
   * @return the id
   * @throws ParameterException naming the value and what an id looks like (exit code 2)
   */
  static String check(CommandSpec command, String id) {
    try {
      return ID.check(id);
    } catch (InvalidParameterException e) {
      throw new ParameterException(command.commandLine(), "ID " + Output.visible(e.problem()));
    }
  }
}
