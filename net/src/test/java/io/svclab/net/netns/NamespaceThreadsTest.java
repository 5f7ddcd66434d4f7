package io.svclab.net.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.net.testing.NetNamespace;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;

/** Needs root (CI runs as root): where namespaces cannot be made, it fails with the reason. */
class NamespaceThreadsTest {
  @Test
  void workRunsInTheNamespaceAndItsSocketsStayThere() throws Exception {
    try (NetNamespace ns = NetNamespace.create("svclabt-netns")) {
      ns.execOrFail(null, "ip", "link", "add", "svt0", "type", "veth", "peer", "name", "svt1");
      ns.execOrFail(null, "ip", "addr", "add", "192.0.2.1/32", "dev", "svt0");  // the JDK lists interfaces with an address
      assertThat(NamespaceThreads.call(ns.name, () -> NetworkInterface.getByName("svt0"))).isNotNull();
      assertThat(NetworkInterface.getByName("svt0")).isNull();

      // a listener opened in the namespace keeps serving there after the thread is gone
      try (ServerSocketChannel server = NamespaceThreads.call(ns.name,
          () -> ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))) {
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        boolean reachedInside = NamespaceThreads.call(ns.name, () -> {
          try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            return c.isConnected();
          }
        });
        assertThat(reachedInside).isTrue();
        assertThatThrownBy(() -> SocketChannel.open(new InetSocketAddress("127.0.0.1", port)).close())
            .isInstanceOf(java.net.ConnectException.class);
      }
    }
  }

  @Test
  void aMissingNamespaceIsNamedInTheError() {
    assertThatThrownBy(() -> NamespaceThreads.call("svclabt-netns-absent", () -> 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("svclabt-netns-absent").hasMessageContaining("No such file or directory");
  }
}
