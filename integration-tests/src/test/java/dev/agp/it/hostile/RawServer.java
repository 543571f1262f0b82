package dev.agp.it.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on loopback that misbehaves at the socket level, where MockWebServer cannot: it reads each
 * request's head, then hands the connection to a behaviour (answer slowly, never, endlessly, or reset).
 * Every loop a behaviour runs ends when the client goes away or the server closes.
 */
final class RawServer implements AutoCloseable {

  /** What to do with one connection once its request head was read. */
  interface Behaviour {
    void serve(Socket socket, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "raw-server");
    t.setDaemon(true);
    return t;
  });
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  final CountDownLatch firstRequest = new CountDownLatch(1);
  private volatile boolean closed;

  RawServer(Behaviour behaviour) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(() -> {
      while (!closed) {
        try {
          Socket socket = server.accept();
          sockets.add(socket);
          threads.execute(() -> handle(socket, behaviour));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  private void handle(Socket socket, Behaviour behaviour) {
    try (socket) {
      InputStream in = socket.getInputStream();
      // One request per connection is enough for these cases: read its head, then misbehave.
      if (!readHead(in)) {
        return;
      }
      requests.incrementAndGet();
      firstRequest.countDown();
      behaviour.serve(socket, socket.getOutputStream());
    } catch (IOException | InterruptedException ignored) {
      // The client went away, or the server closed: either ends this connection.
    }
  }

  private static boolean readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int b; (b = in.read()) != -1; ) {
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
      if (matched == end.length) {
        return true;
      }
    }
    return false;
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  int requests() {
    return requests.get();
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
