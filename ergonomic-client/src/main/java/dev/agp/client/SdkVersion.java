package dev.agp.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's own version, read from the properties file that the build fills in. */
final class SdkVersion {
  static final String VERSION = load();
  static final String USER_AGENT = "agp-java/" + VERSION + " (Java " + System.getProperty("java.version") + ")";

  private SdkVersion() {}

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("agp-client.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
