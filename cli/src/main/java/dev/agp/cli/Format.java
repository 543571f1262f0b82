package dev.agp.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The output formats; each command accepts a subset. */
enum Format {
  TABLE, JSON, JSONL, TREE;

  static Format parse(CommandSpec spec, String value, Format... allowed) {
    for (Format format : allowed) {
      if (format.name().toLowerCase(Locale.ROOT).equals(value)) {
        return format;
      }
    }
    throw new ParameterException(spec.commandLine(), "--format must be one of "
        + Arrays.stream(allowed).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
        + ", but was " + value);
  }
}
