package dev.agp.client;

import dev.agp.client.errors.InternalServerException;
import dev.agp.client.errors.ErrorResponse;
import dev.agp.generated.model.SessionSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * A server for page walks whose answers are futures completed by hand, one at a time, in any order, from a
 * {@link ListingModel} that changes between answers. The listing is read at the moment a request is
 * answered, as a real server reads it when it handles the request.
 */
final class ScriptedPages {

  /** How the server misbehaves, if it does. */
  enum Hostility {
    NONE,
    /** {@code total} is off by a random amount on some answers. */
    LYING_TOTAL,
    /** {@code total} becomes -1 after a few answers. */
    NEGATIVE_TOTAL,
    /** The {@code page} parameter is ignored: every answer is page 1. */
    REPEATED_PAGES,
    /** Each answer lists one session as many times as the page holds, with a total to match. */
    REPEATED_IDS,
    /** Some answers are empty although sessions exist there. */
    EMPTY_PAGES,
    /** Sessions created in the same instant come in a different order in every answer (no tie-break). */
    UNSTABLE_TIES
  }

  /** One request, as the walk made it. */
  static final class Request {
    final int page;
    final int size;
    final CompletableFuture<SessionPage> future = new CompletableFuture<>();
    final long sequence;

    Request(int page, int size, long sequence) {
      this.page = page;
      this.size = size;
      this.sequence = sequence;
    }

    @Override
    public String toString() {
      return "page " + page + " size " + size;
    }
  }

  /** Changes applied to the listing before each answer. */
  record Churn(int headInserts, int tailInserts, int middleInserts, int deletes) {
    static final Churn NONE = new Churn(0, 0, 0, 0);

    int perAnswer() {
      return headInserts + tailInserts + middleInserts + deletes;
    }
  }

  final ListingModel model;
  private final boolean newestFirst;
  private final Churn churn;
  private final Hostility hostility;
  private final boolean outOfOrder;
  private final int failAtAnswer;
  private final Random random;
  private final List<Request> pending = new ArrayList<>();
  private final List<Request> all = new ArrayList<>();
  private int answered;
  private int maxInFlight;
  private int concurrencyBound = Integer.MAX_VALUE;
  private boolean closed;
  private int requestsAfterClose;

  ScriptedPages(ListingModel model, boolean newestFirst, Churn churn, Hostility hostility, boolean outOfOrder,
      int failAtAnswer, Random random) {
    this.model = model;
    this.newestFirst = newestFirst;
    this.churn = churn;
    this.hostility = hostility;
    this.outOfOrder = outOfOrder;
    this.failAtAnswer = failAtAnswer;
    this.random = random;
  }

  /** The fetch function handed to the walk. */
  CompletableFuture<SessionPage> fetch(int page, int size) {
    if (closed) {
      requestsAfterClose++;
    }
    Request request = new Request(page, size, all.size());
    all.add(request);
    pending.add(request);
    maxInFlight = Math.max(maxInFlight, pending.size());
    if (pending.size() > concurrencyBound) {
      throw new AssertionError("in flight: " + pending.size() + " > concurrency " + concurrencyBound + " " + pending);
    }
    // A cancelled request leaves the server at once, as OkHttp's cancel does.
    request.future.whenComplete((value, error) -> {
      if (request.future.isCancelled()) {
        pending.remove(request);
      }
    });
    return request.future;
  }

  void boundInFlight(int concurrency) {
    this.concurrencyBound = concurrency;
  }

  /** Marks the moment the walk was closed: requests made after it are counted. */
  void closedNow() {
    closed = true;
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** Answers one pending request (the oldest, or any when out of order); false when none is pending. */
  boolean answerOne() {
    if (pending.isEmpty()) {
      return false;
    }
    Request request = pending.remove(outOfOrder ? random.nextInt(pending.size()) : 0);
    applyChurn();
    answered++;
    if (answered == failAtAnswer) {
      request.future.completeExceptionally(new InternalServerException(
          new ErrorResponse(500, "GET", "/api/v2/sessions", "Injected failure", List.of(), java.util.Map.of())));
      return true;
    }
    request.future.complete(answer(request));
    return true;
  }

  private void applyChurn() {
    model.insertAtHead(churn.headInserts());
    model.insertAtTail(churn.tailInserts());
    for (int i = 0; i < churn.middleInserts(); i++) {
      model.insertInMiddle(random);
    }
    for (int i = 0; i < churn.deletes(); i++) {
      model.deleteRandom(random);
    }
  }

  private SessionPage answer(Request request) {
    if (hostility == Hostility.UNSTABLE_TIES) {
      List<SessionSummary> all = new ArrayList<>(model.page(1, Integer.MAX_VALUE, newestFirst).items());
      for (int from = 0; from < all.size(); ) {
        int to = from + 1;
        while (to < all.size() && all.get(to).getCreatedAt().isEqual(all.get(from).getCreatedAt())) {
          to++;
        }
        Collections.shuffle(all.subList(from, to), random);
        from = to;
      }
      long start = (long) (request.page - 1) * request.size;
      List<SessionSummary> items = start >= all.size() ? List.of()
          : all.subList((int) start, (int) Math.min(all.size(), start + request.size));
      return new SessionPage(items, request.page, request.size, all.size());
    }
    switch (hostility) {
      case REPEATED_PAGES:
        return model.page(1, request.size, newestFirst);
      case REPEATED_IDS: {
        SessionPage real = model.page(request.page, request.size, newestFirst);
        if (real.items().isEmpty()) {
          return real;
        }
        List<SessionSummary> same = Collections.nCopies(real.items().size(), real.items().get(0));
        return new SessionPage(same, request.page, request.size, same.size());
      }
      default:
        break;
    }
    SessionPage real = model.page(request.page, request.size, newestFirst);
    switch (hostility) {
      case LYING_TOTAL:
        if (random.nextInt(3) == 0) {
          return new SessionPage(real.items(), real.page(), real.pageSize(),
              Math.max(0, real.total() + random.nextInt(2 * request.size + 1) - request.size));
        }
        return real;
      case NEGATIVE_TOTAL:
        return answered > 2 ? new SessionPage(real.items(), real.page(), real.pageSize(), -1) : real;
      case EMPTY_PAGES:
        return random.nextInt(4) == 0 ? new SessionPage(List.of(), real.page(), real.pageSize(), real.total()) : real;
      default:
        return real;
    }
  }

  int requests() {
    return all.size();
  }

  int maxInFlight() {
    return maxInFlight;
  }

  int requestsAfterClose() {
    return requestsAfterClose;
  }

  /** @return the requests still pending that the walk did not cancel */
  List<Request> pendingNotCancelled() {
    return pending.stream().filter(r -> !r.future.isCancelled()).toList();
  }

  List<Request> all() {
    return all;
  }
}
