package dev.agp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class NoDelayServerSocketsTest {

  @Test
  void acceptedConnectionsSendAtOnce() throws Exception {
    try (ServerSocket server = new NoDelayServerSockets().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket()) {
      client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      try (Socket accepted = server.accept()) {
        assertThat(accepted.getTcpNoDelay()).isTrue();
      }
    }
  }

  @Test
  void anUnboundSocketBindsWhereItIsTold() throws Exception {
    try (ServerSocket server = new NoDelayServerSockets().createServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      assertThat(server.getInetAddress().isLoopbackAddress()).isTrue();
      assertThat(server.getLocalPort()).isPositive();
    }
  }
}
