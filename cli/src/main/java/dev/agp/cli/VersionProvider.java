package dev.agp.cli;

import picocli.CommandLine.IVersionProvider;

/** The version shown by {@code agp --version}: the jar's own, from its manifest when packaged. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = AgpCli.class.getPackage().getImplementationVersion();
    return new String[] {"agp " + (version == null ? "(development build)" : version)};
  }
}
