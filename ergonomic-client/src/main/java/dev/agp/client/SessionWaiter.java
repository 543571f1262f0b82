package dev.agp.client;

import dev.agp.client.errors.AgpException;
import dev.agp.generated.model.SessionStatus;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * Waits until a session, or a session and every subagent session it spawned, is terminal ({@code
 * completed}, {@code failed}, {@code timed_out} or {@code interrupted}: the spec's terminal statuses),
 * polling the cheap status endpoint. Obtain it from {@link SessionService#waiter()}; it is immutable and
 * thread-safe, and each wait is independent.
 *
 * <pre>{@code
 * WaitResult done = client.sessions().waiter().awaitTree(managerId);
 * done.failed().forEach(id -> System.out.println(id + ": " + done.statuses().get(id).getError()));
 * }</pre>
 *
 * <p>Each session is polled on its own schedule (see {@link WaitOptions}), and no longer once it is
 * terminal; a tree's subagent sessions are discovered from each status's {@code subagent_session_ids}, so
 * one request per session and poll gives both. A status newer than this SDK counts as not terminal. A
 * subagent session that answers 404 is reported ({@link WaitEvent.SessionGone}) and no longer waited for;
 * any other error, after the client's retries, ends the wait with it. A 429 after the retries makes that
 * session's next poll later, never sooner than its {@code Retry-After}. The deadline ends the wait with an
 * {@link AgpWaitTimeoutException} that carries what it saw.
 */
public final class SessionWaiter {

  private final BiFunction<String, RequestOptions, CompletableFuture<SessionStatus>> statusOf;
  private final Sleeper sleeper;
  private final Clock clock;
  private final WaitOptions options;

  SessionWaiter(BiFunction<String, RequestOptions, CompletableFuture<SessionStatus>> statusOf, Sleeper sleeper,
      Clock clock, WaitOptions options) {
    this.statusOf = statusOf;
    this.sleeper = sleeper;
    this.clock = clock;
    this.options = options;
  }

  /** @return the options of this waiter */
  public WaitOptions options() {
    return options;
  }

  /**
   * Waits until one session is terminal; its subagent sessions are not waited for.
   *
   * @param id the session's id
   * @return its last status, in {@link WaitResult#statuses()}
   * @throws AgpWaitTimeoutException at the deadline
   * @throws AgpException on an API or network error, after retries
   * @throws CancellationException if the thread is interrupted: the wait stops, its interrupt flag is set
   */
  public WaitResult awaitTerminal(String id) {
    return join(awaitTerminalAsync(id));
  }

  /**
   * Waits until one session is terminal, without blocking a thread; cancelling the future stops the wait
   * and its request in flight.
   *
   * @param id the session's id
   * @return a future of the result; it fails as {@link #awaitTerminal} throws
   */
  public CompletableFuture<WaitResult> awaitTerminalAsync(String id) {
    return start(id, false);
  }

  /**
   * Waits until a session and every subagent session below it are terminal.
   *
   * @param rootId the id of the session at the top of the tree
   * @return every session's last status, the failed ones, those that disappeared, and the cost
   * @throws AgpWaitTimeoutException at the deadline
   * @throws AgpException on an API or network error, after retries (a 404 for the root included)
   * @throws CancellationException if the thread is interrupted: the wait stops, its interrupt flag is set
   */
  public WaitResult awaitTree(String rootId) {
    return join(awaitTreeAsync(rootId));
  }

  /**
   * Waits until a session and every subagent session below it are terminal, without blocking a thread;
   * cancelling the future stops the wait and every request in flight.
   *
   * @param rootId the id of the session at the top of the tree
   * @return a future of the result; it fails as {@link #awaitTree} throws
   */
  public CompletableFuture<WaitResult> awaitTreeAsync(String rootId) {
    return start(rootId, true);
  }

  private CompletableFuture<WaitResult> start(String id, boolean tree) {
    RawSessionService.requireId(id);
    RequestOptions requests = options.requestOptions();
    return new TreeWait(status -> statusOf.apply(status, requests), sleeper, clock, options, tree,
        () -> ThreadLocalRandom.current().nextDouble()).start(id);
  }

  private static WaitResult join(CompletableFuture<WaitResult> wait) {
    try {
      return wait.get();
    } catch (InterruptedException e) {
      wait.cancel(true);
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("the wait was interrupted");
      cancelled.initCause(e);
      throw cancelled;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AgpException) {
        throw (AgpException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new AgpException("the wait failed: " + cause, cause);
    }
  }

  /**
   * @param options how the returned waiter waits
   * @return a waiter like this one with other options
   */
  public SessionWaiter withOptions(WaitOptions options) {
    return new SessionWaiter(statusOf, sleeper, clock, Objects.requireNonNull(options, "options"));
  }
}
