package dev.agp.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Standard output that remembers why a write failed. {@link java.io.PrintWriter} only says that one did;
 * the tool must tell a reader that went away ({@code | head -1}: a broken pipe, not an error) from output
 * that was lost (a full disk, {@code > /dev/full}: an error, exit code 1).
 */
final class Stdout extends FilterOutputStream {

  private volatile @Nullable IOException failure;
  private final BooleanSupplier isPipe;

  /**
   * @param out where the bytes go
   * @param isPipe whether {@code out} is a pipe (or a socket), on which a failed write means the reader went
   *     away: the error's text cannot tell, since the JDK gives it in the system's language
   */
  Stdout(OutputStream out, BooleanSupplier isPipe) {
    super(out);
    this.isPipe = isPipe;
  }

  /** @return the process's standard output, unbuffered (the writer on top buffers) */
  static Stdout open() {
    return new Stdout(new FileOutputStream(FileDescriptor.out), Terminal::isStdoutPipe);
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    try {
      out.write(bytes, offset, length);
    } catch (IOException e) {
      throw remember(e);
    }
  }

  @Override
  public void flush() throws IOException {
    try {
      out.flush();
    } catch (IOException e) {
      throw remember(e);
    }
  }

  private IOException remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return e;
  }

  /**
   * @return why output was lost, or null when every write succeeded or the only failure was the reader
   *     going away
   */
  @Nullable String lostBecause() {
    IOException first = failure;
    if (first == null || readerWentAway(first) || isPipe.getAsBoolean()) {
      return null;
    }
    return first.getMessage() == null ? first.getClass().getSimpleName() : first.getMessage();
  }

  /** EPIPE, as the JDK reports it on Linux and macOS in English. */
  static boolean readerWentAway(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("Broken pipe");
  }
}
