package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agp.client.AgpClient;
import dev.agp.client.SessionTree;
import dev.agp.client.TreeOptions;
import dev.agp.generated.api.SessionsApi.ListSessionsParams;
import dev.agp.sandbox.AgpSandbox;
import dev.agp.sandbox.SandboxData;
import org.junit.jupiter.api.Test;

class ConsumerTest {

  @Test
  void listsEverySessionAndWalksATree() {
    try (AgpSandbox sandbox = AgpSandbox.start();
        AgpClient client = AgpClient.builder().baseUrl(sandbox.baseUrl()).apiKey(sandbox.apiKey()).build()) {
      long total = client.sessions().list(ListSessionsParams.none()).total();
      long listed = client.sessions().listAll(ListSessionsParams.none()).stream().count();
      assertTrue(total > 100, "the sandbox's listing: " + total);
      assertEquals(total, listed);

      SessionTree tree = client.sessions().tree(SandboxData.DEEP_TREE_ROOT_ID, TreeOptions.defaults());
      assertTrue(tree.size() > 5, "the deep tree: " + tree.size());
      assertEquals(SandboxData.DEEP_TREE_ROOT_ID, tree.preOrder().findFirst().orElseThrow().id());
    }
  }
}
