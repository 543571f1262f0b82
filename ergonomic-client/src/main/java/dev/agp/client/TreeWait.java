package dev.agp.client;

import dev.agp.client.errors.AgpDecodingException;
import dev.agp.client.errors.NotFoundException;
import dev.agp.client.errors.RateLimitException;
import dev.agp.generated.model.LifecycleStatus;
import dev.agp.generated.model.SessionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The engine of {@link SessionWaiter}: polls the status of each session it knows of until all are
 * terminal, each on its own schedule, with a bounded number of requests in flight, discovering subagent
 * sessions from the statuses' {@code subagent_session_ids}. It holds no thread: the next step is taken by
 * the thread that receives an answer, or by the sleeper's timer. State is guarded by one lock; requests
 * are started, and the listener told, only outside it.
 */
final class TreeWait {

  /** One session: what is known of it, and when it is next polled. */
  private static final class Node {
    final String id;
    final @Nullable String parentId;
    @Nullable SessionStatus status;
    boolean terminal;
    boolean gone;
    boolean polling;
    Instant due;
    Instant answeredAt;
    Duration interval;

    Node(String id, @Nullable String parentId, Instant due, Duration interval) {
      this.id = id;
      this.parentId = parentId;
      this.due = due;
      this.answeredAt = due;
      this.interval = interval;
    }

    boolean waiting() {
      return !terminal && !gone;
    }
  }

  private static final Pattern UUID_SHAPE =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final Function<String, CompletableFuture<SessionStatus>> statusOf;
  private final Sleeper sleeper;
  private final Clock clock;
  private final WaitOptions options;
  private final boolean followSubagents;
  private final DoubleSupplier random;
  private final int maxInFlight;

  private final Object lock = new Object();
  /** Keyed by lower-case id: the API's ids are UUIDs, whatever their case. */
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Set<CompletableFuture<?>> inFlight = new HashSet<>();
  private final Set<String> reported = new HashSet<>();
  private final List<String> gone = new ArrayList<>();
  private final ConcurrentLinkedQueue<WaitEvent> events = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean delivering = new AtomicBoolean();
  private final CompletableFuture<WaitResult> result = new CompletableFuture<>();
  private String rootId = "";
  private Instant start = Instant.EPOCH;
  private Instant deadline = Instant.EPOCH;
  private int requests;
  /** Sessions met that have not disappeared, and those of them not yet terminal. */
  private int met;
  private int waiting;
  /** The cap the schedules were last shortened to (see {@link #cap()}). */
  private @Nullable Duration shortenedTo;
  private @Nullable CompletableFuture<Void> timer;
  private @Nullable Instant timerAt;
  private @Nullable CompletableFuture<Void> deadlineTimer;
  /** The latest time the timer woke the wait for: a sleeper may return before the clock gets there. */
  private volatile Instant sleptUntil = Instant.MIN;
  private final AtomicInteger steps = new AtomicInteger();

  /**
   * @param statusOf one status request; cancelling its future cancels the request
   * @param followSubagents whether to wait for the subagent sessions too (a tree), or the one session only
   * @param random uniform in [0, 1), for jitter
   */
  TreeWait(Function<String, CompletableFuture<SessionStatus>> statusOf, Sleeper sleeper, Clock clock,
      WaitOptions options, boolean followSubagents, DoubleSupplier random) {
    this.statusOf = statusOf;
    this.sleeper = sleeper;
    this.clock = clock;
    this.options = options;
    this.followSubagents = followSubagents;
    this.random = random;
    this.maxInFlight = followSubagents ? options.maxInFlight() : 1;
  }

  /**
   * Starts the wait. Cancelling the returned future (or its failing) cancels every request in flight and
   * the pending timer.
   */
  CompletableFuture<WaitResult> start(String id) {
    result.whenComplete((value, error) -> stopEverything());
    synchronized (lock) {
      rootId = id;
      start = clock.instant();
      deadline = start.plus(options.deadline());
      nodes.put(key(id), new Node(id, null, start, options.pollInterval()));
      met = 1;
      waiting = 1;
      events.add(new WaitEvent.SessionDiscovered(id, null));
    }
    // Ends the wait at its deadline even while every session waits on a request that takes long.
    CompletableFuture<Void> alarm = sleeper.sleepAsync(options.deadline());
    synchronized (lock) {
      deadlineTimer = alarm;
    }
    if (result.isDone()) {
      alarm.cancel(true);
    }
    alarm.thenRun(() -> {
      // The alarm is the deadline, whatever the clock says (a clock set back, a sleeper that returns early).
      synchronized (lock) {
        if (deadline.isAfter(sleptUntil)) {
          sleptUntil = deadline;
        }
      }
      step();
    });
    step();
    return result;
  }

  /**
   * Takes the next step, on one thread at a time: a step asked for while another runs (an answer that
   * arrived meanwhile, or one completed at once by the step itself) makes that one run again, so that
   * steps never nest, however many answers or timers complete synchronously.
   */
  private void step() {
    if (steps.getAndIncrement() != 0) {
      return;
    }
    try {
      do {
        stepOnce();
      } while (steps.decrementAndGet() != 0);
    } catch (Throwable bug) {
      // Nothing may leave the wait stuck: a failure in a step (a listener's Error included) ends it.
      steps.set(0);
      result.completeExceptionally(bug);
    }
  }

  /**
   * The time now: the clock's, or the time the timer was set to wake the wait if that is later. A sleeper
   * that returns early (a test's that returns at once) then still moves the wait on.
   */
  private Instant now() {
    Instant clockNow = clock.instant();
    return clockNow.isBefore(sleptUntil) ? sleptUntil : clockNow;
  }

  /** Starts what is due, ends the wait when all is terminal or the deadline passed, else sets the timer. */
  private void stepOnce() {
    List<Node> launch = new ArrayList<>();
    Instant wakeAt = null;
    WaitResult finished = null;
    AgpWaitTimeoutException timedOut = null;
    synchronized (lock) {
      if (result.isDone()) {
        return;
      }
      Instant now = now();
      boolean waiting = false;
      Instant next = null;
      for (Node node : nodes.values()) {
        if (!node.waiting()) {
          continue;
        }
        waiting = true;
        if (node.polling) {
          continue;
        }
        if (!node.due.isAfter(now) && inFlight.size() + launch.size() < maxInFlight) {
          node.polling = true;
          launch.add(node);
        } else if (node.due.isAfter(now) && (next == null || node.due.isBefore(next))) {
          next = node.due;
        }
      }
      if (!waiting && inFlight.isEmpty()) {
        finished = snapshot(now);
      } else if (!now.isBefore(deadline)) {
        timedOut = new AgpWaitTimeoutException(snapshot(now));
        launch.forEach(node -> node.polling = false);
        launch.clear();
      } else {
        requests += launch.size();
        Instant wake = next == null ? null : next.isAfter(deadline) ? deadline : next;
        if (wake != null && (timerAt == null || wake.isBefore(timerAt))) {
          wakeAt = wake;
        }
      }
    }
    if (finished != null) {
      events.add(new WaitEvent.Finished(finished));
      deliver();
      result.complete(finished);
      return;
    }
    if (timedOut != null) {
      deliver();
      result.completeExceptionally(timedOut);
      return;
    }
    for (Node node : launch) {
      poll(node);
    }
    if (wakeAt != null) {
      schedule(wakeAt);
    }
    deliver();
  }

  private void poll(Node node) {
    CompletableFuture<SessionStatus> answer;
    try {
      answer = statusOf.apply(node.id);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    synchronized (lock) {
      if (result.isDone()) {
        answer.cancel(true);
        return;
      }
      inFlight.add(answer);
    }
    CompletableFuture<SessionStatus> sent = answer;
    answer.whenComplete((status, error) -> {
      try {
        answered(node, sent, status, error);
      } catch (Throwable bug) {
        result.completeExceptionally(bug);
      }
    });
  }

  /** Sets the timer to wake the wait at {@code wakeAt}, unless it is set to wake it sooner. */
  private void schedule(Instant wakeAt) {
    // Rounded up to the millisecond: a sleeper waking a little early would only set the timer again.
    long nanos = Math.max(0, Duration.between(now(), wakeAt).toNanos());
    CompletableFuture<Void> sleep = sleeper.sleepAsync(Duration.ofMillis((nanos + 999_999) / 1_000_000));
    CompletableFuture<Void> replaced;
    synchronized (lock) {
      if (result.isDone() || (timerAt != null && !wakeAt.isBefore(timerAt))) {
        replaced = sleep;
      } else {
        replaced = timer;
        timer = sleep;
        timerAt = wakeAt;
      }
    }
    if (replaced != null) {
      replaced.cancel(true);
      if (replaced == sleep) {
        return;
      }
    }
    sleep.thenRun(() -> {
      synchronized (lock) {
        if (timer == sleep) {
          timer = null;
          timerAt = null;
        }
        if (wakeAt.isAfter(sleptUntil)) {
          sleptUntil = wakeAt;
        }
      }
      step();
    });
  }

  private void answered(Node node, CompletableFuture<?> sent, @Nullable SessionStatus status, @Nullable Throwable error) {
    Throwable failure = null;
    synchronized (lock) {
      inFlight.remove(sent);
      node.polling = false;
      if (result.isDone()) {
        return;
      }
      Instant now = now();
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause == null && status != null) {
        failure = update(node, status, now);
      } else if (cause instanceof NotFoundException && node.parentId != null) {
        node.gone = true;
        met--;
        ended();
        gone.add(node.id);
        events.add(new WaitEvent.SessionGone(node.id, node.parentId));
      } else if (cause instanceof RateLimitException) {
        // The transport already retried it: ask this session less often, and at least as late as asked.
        Duration asked = ((RateLimitException) cause).retryAfter().orElse(Duration.ZERO);
        Duration longer = max(asked, min(scale(node.interval, 2), cap()));
        node.interval = longer;
        node.due = now.plus(longer);
      } else {
        failure = cause != null ? cause : new IllegalStateException("a status request answered nothing");
      }
    }
    if (failure != null) {
      deliver();
      result.completeExceptionally(failure instanceof CancellationException
          ? new IllegalStateException("a status request was cancelled", failure) : failure);
      return;
    }
    step();
  }

  /** Under the lock: one answer; returns what ends the wait, if the answer cannot be used. */
  private @Nullable Throwable update(Node node, SessionStatus status, Instant now) {
    String before = node.status == null ? null : node.status.getStatusRaw();
    String after = status.getStatusRaw();
    boolean changed = before == null || !before.equals(after);
    events.add(new WaitEvent.Answered(node.id, status, now));
    if (changed) {
      events.add(new WaitEvent.StatusChanged(node.id, before, String.valueOf(after), now));
    }
    LifecycleStatus lifecycle = status.getStatus();
    if (after != null && (lifecycle == null || !lifecycle.isKnown()) && reported.add("status " + after)) {
      events.add(new WaitEvent.UnknownStatus(node.id, after));
    }
    node.status = status;
    node.answeredAt = now;
    boolean wasTerminal = node.terminal;
    node.terminal = lifecycle != null && lifecycle.isTerminal();
    if (node.terminal && !wasTerminal) {
      ended();
    }
    if (followSubagents && status.getSubagentSessionIds() != null) {
      for (String child : status.getSubagentSessionIds()) {
        if (child == null || !UUID_SHAPE.matcher(child).matches()) {
          // The spec's ids are UUIDs: anything else cannot be asked for (a blank, "..") and is reported.
          return new AgpDecodingException("GET /api/v2/sessions/" + node.id + "/status",
              "subagent_session_ids holds " + (child == null ? "null" : "\"" + child + "\"")
                  + ", which is not a session id (a UUID)", String.valueOf(status.getSubagentSessionIds()), null);
        }
        Node known = nodes.get(key(child));
        if (known == null) {
          nodes.put(key(child), new Node(child, node.id, now, options.pollInterval()));
          met++;
          waiting++;
          events.add(new WaitEvent.SessionDiscovered(child, node.id));
          changed = true;
        } else if (!node.id.equalsIgnoreCase(String.valueOf(known.parentId))
            && reported.add("repeat " + key(child) + " " + key(node.id))) {
          events.add(new WaitEvent.SessionRepeated(known.id, node.id, known.parentId));
        }
      }
    }
    node.interval = changed ? options.pollInterval() : min(scale(node.interval, options.backoffMultiplier()), cap());
    node.due = now.plus(jittered(node.interval));
    return null;
  }

  /**
   * Under the lock: the longest interval now. The whole {@linkplain WaitOptions#maxPollInterval() cap}
   * while every session met is waited for; shorter in proportion as they end, down to the first interval.
   * A wait ends with its last session: while many run, none of them is asked often; when few are left,
   * each is, so that the end is seen soon after it happens, at a steady total of requests.
   */
  private Duration cap() {
    Duration share = scale(options.maxPollInterval(), met == 0 ? 1 : (double) waiting / met);
    return max(share, options.pollInterval());
  }

  /**
   * Under the lock: a session ended (or disappeared). When the cap has shrunk by a tenth since the schedules
   * were last shortened, every waiting session is asked again no later than the new cap after its last
   * answer; a tenth at a time, so that a tree of n sessions is rescheduled O(log n) times, not n.
   */
  private void ended() {
    waiting--;
    Duration cap = cap();
    if (shortenedTo == null) {
      shortenedTo = options.maxPollInterval();
    }
    if (cap.compareTo(scale(shortenedTo, 0.9)) > 0) {
      return;
    }
    shortenedTo = cap;
    for (Node other : nodes.values()) {
      if (other.waiting() && !other.polling) {
        other.interval = min(other.interval, cap);
        Instant latest = other.answeredAt.plus(cap);
        if (other.due.isAfter(latest)) {
          other.due = latest;
        }
      }
    }
  }

  private Duration jittered(Duration interval) {
    double spread = options.jitter() * (2 * random.getAsDouble() - 1);
    return scale(interval, 1 + spread);
  }

  /** Under the lock: what the wait saw so far. */
  private WaitResult snapshot(Instant now) {
    Map<String, SessionStatus> statuses = new LinkedHashMap<>();
    Map<String, @Nullable String> parents = new LinkedHashMap<>();
    for (Node node : nodes.values()) {
      parents.put(node.id, node.parentId);
      if (node.status != null) {
        statuses.put(node.id, node.status);
      }
    }
    return new WaitResult(rootId, statuses, parents, gone, Duration.between(start, now), requests);
  }

  private void stopEverything() {
    List<CompletableFuture<?>> cancel;
    synchronized (lock) {
      cancel = new ArrayList<>(inFlight);
      inFlight.clear();
      if (timer != null) {
        cancel.add(timer);
        timer = null;
      }
      if (deadlineTimer != null) {
        cancel.add(deadlineTimer);
      }
    }
    cancel.forEach(future -> future.cancel(true));
  }

  /** Tells the listener what happened, in order, one event at a time, from whichever thread gets here first. */
  private void deliver() {
    while (!events.isEmpty() && delivering.compareAndSet(false, true)) {
      try {
        WaitEvent event;
        while ((event = events.poll()) != null) {
          try {
            options.onChange().accept(event);
          } catch (Exception ignored) {
            // A listener's exception is its own; the wait goes on. An Error ends the wait (see step()).
          }
        }
      } finally {
        delivering.set(false);
      }
    }
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }

  private static Duration scale(Duration duration, double factor) {
    return Duration.ofNanos((long) (duration.toNanos() * factor));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
