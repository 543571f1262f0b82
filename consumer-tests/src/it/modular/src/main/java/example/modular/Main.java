package example.modular;

import dev.agp.client.AgpClient;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.sandbox.AgpSandbox;

/** Lists the sandbox's sessions through the client, every module resolved by the JVM's module system. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (Main.class.getModule().getName() == null || AgpClient.class.getModule().getName() == null) {
      throw new IllegalStateException("not on the module path: " + Main.class.getModule());
    }
    try (AgpSandbox sandbox = AgpSandbox.start();
        AgpClient client = AgpClient.builder().baseUrl(sandbox.baseUrl()).apiKey(sandbox.apiKey()).build()) {
      long total = client.sessions().list(ListSessionsParams.none()).total();
      long failed = client.sessions().listAll(ListSessionsParams.builder().status(LifecycleStatus.FAILED).build())
          .stream().count();
      if (total < 100 || failed < 1) {
        throw new IllegalStateException("unexpected listing: " + total + " sessions, " + failed + " failed");
      }
      System.out.println("module " + AgpClient.class.getModule().getName() + ": listed " + total + " sessions, "
          + failed + " failed");
    }
  }
}
