package dev.agp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agp.generated.model.SessionSort;
import dev.agp.generated.model.SessionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The report's hangs: walks whose every answer is already there (a fast server, a cache) used to recurse
 * once per page or node, overflow the stack inside a CompletableFuture and never complete. Each answer here
 * is a completed future, so any recursion would show.
 */
class WalkStackDepthTest {

  @Test
  void forEachOverTwoHundredThousandSessionsCompletes() throws Exception {
    ListingModel listing = new ListingModel(200_000, false);
    PageWalk walk = new PageWalk((page, size) -> CompletableFuture.completedFuture(listing.page(page, size, true)),
        1, 100, 4, Long.MAX_VALUE, SessionSort.CREATED_AT_DESC, true, true);
    AtomicLong count = new AtomicLong();

    CompletableFuture<Void> done = AsyncSources.forEach(walk, batch -> batch.fresh().iterator(), s -> count.incrementAndGet());

    done.get(60, TimeUnit.SECONDS);
    assertThat(count.get()).isEqualTo(200_000);
  }

  @Test
  void aRootWithThreeThousandChildrenCompletes() throws Exception {
    List<SessionSummary> children = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      children.add(ListingModel.summary(new ListingModel.Entry(10_000 - i, "child-" + i)));
    }
    TreeWalk walk = new TreeWalk("root", TreeOptions.defaults(),
        id -> CompletableFuture.completedFuture(ListingModel.summary(new ListingModel.Entry(20_000, "root"))),
        (parent, page, size) -> {
          List<SessionSummary> items = new ArrayList<>();
          if (parent.equals("root")) {
            for (long i = (long) (page - 1) * size; i < Math.min(children.size(), (long) page * size); i++) {
              items.add(children.get((int) i));
            }
          }
          return CompletableFuture.completedFuture(new SessionPage(items, page, size, parent.equals("root") ? 3_000 : 0));
        });
    AtomicLong count = new AtomicLong();

    CompletableFuture<Void> done = AsyncSources.forEach(walk, node -> List.of(node).iterator(), n -> count.incrementAndGet());

    done.get(60, TimeUnit.SECONDS);
    assertThat(count.get()).isEqualTo(3_001);
  }

  @Test
  void readingAheadStaysBoundedWhenEveryAnswerIsImmediate() {
    // Every session has 1,000 children; the consumer takes 72 nodes (a chain 71 deep) and stops.
    for (int concurrency : new int[] {1, 4, 8}) {
      AtomicLong requests = new AtomicLong();
      TreeWalk walk = new TreeWalk("root", TreeOptions.builder().concurrency(concurrency).build(),
          id -> CompletableFuture.completedFuture(ListingModel.summary(new ListingModel.Entry(1L << 40, "root"))),
          (parent, page, size) -> {
            requests.incrementAndGet();
            List<SessionSummary> items = new ArrayList<>();
            for (long i = (long) (page - 1) * size; i < Math.min(1_000, (long) page * size); i++) {
              items.add(ListingModel.summary(new ListingModel.Entry((1L << 40) - i - 1, parent + "." + i)));
            }
            return CompletableFuture.completedFuture(new SessionPage(items, page, size, 1_000));
          });
      try (CloseableIterator<SessionNode> nodes = AsyncSources.iterator(walk, node -> List.of(node).iterator())) {
        for (int i = 0; i < 72; i++) {
          nodes.next();
        }
      }
      assertThat(requests.get()).as("concurrency %d", concurrency)
          .isLessThanOrEqualTo(72 + TreeWalk.LISTS_AHEAD_PER_REQUEST * concurrency + concurrency);
    }
  }

  @Test
  void aChainTwentyThousandDeepCompletes() throws Exception {
    TreeWalk walk = new TreeWalk("n0", TreeOptions.defaults(),
        id -> CompletableFuture.completedFuture(ListingModel.summary(new ListingModel.Entry(1_000_000, "n0"))),
        (parent, page, size) -> {
          int n = Integer.parseInt(parent.substring(1));
          List<SessionSummary> items = n >= 20_000 || page > 1 ? List.of()
              : List.of(ListingModel.summary(new ListingModel.Entry(1_000_000 - n - 1, "n" + (n + 1))));
          return CompletableFuture.completedFuture(new SessionPage(items, page, size, n >= 20_000 ? 0 : 1));
        });
    AtomicLong count = new AtomicLong();
    AsyncSources.forEach(walk, node -> List.of(node).iterator(), n -> count.incrementAndGet()).get(60, TimeUnit.SECONDS);
    assertThat(count.get()).isEqualTo(20_001);
  }
}
