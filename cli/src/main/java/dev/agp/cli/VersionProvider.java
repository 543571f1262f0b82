package dev.agp.cli;

import dev.agp.generated.api.SessionsApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** What {@code agp --version} prints: the build's version and the spec it was generated from. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {"agp " + version() + " (sessions API spec " + SessionsApi.SPEC_VERSION + ")"};
  }

  /** @return the project's version, written into version.properties by the build */
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/agp/cli/version.properties is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
