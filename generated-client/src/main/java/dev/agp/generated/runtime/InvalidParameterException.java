package dev.agp.generated.runtime;

/**
 * A parameter value the spec does not allow, caught before any request: says which parameter, what was
 * wrong and what is allowed. Its message starts with the parameter's Java name ({@code size must be between
 * 1 and 100, but was 0}); tools that name parameters differently (the CLI's {@code --size}) use
 * {@link #parameter()} and {@link #problem()} instead.
 */
public final class InvalidParameterException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient QueryParameter parameter;
  private final String problem;

  InvalidParameterException(QueryParameter parameter, String problem) {
    super(parameter.javaName() + " " + problem);
    this.parameter = parameter;
    this.problem = problem;
  }

  /** @return the parameter, as the spec describes it */
  public QueryParameter parameter() {
    return parameter;
  }

  /** @return what was wrong, without the parameter's name: {@code must be between 1 and 100, but was 0} */
  public String problem() {
    return problem;
  }
}
