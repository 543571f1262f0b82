package dev.agp.client;

import java.util.Iterator;

/**
 * An iterator over a walk (of pages or of a session tree) that can be closed to stop it early: closing
 * cancels the requests in flight and prevents further ones. It closes itself at the end of the walk and
 * when the walk fails.
 *
 * @param <T> what the walk yields
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

  /** Stops the walk and cancels its requests in flight. Idempotent; never throws. */
  @Override
  void close();
}
