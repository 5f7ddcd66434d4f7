package io.svclab.net.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DomainSocketForwardTest {
  @Test
  void bytesGoBothWaysBetweenTheSocketFileAndTheTcpAddress(@TempDir Path dir) throws Exception {
    try (ServerSocket tcp = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      // the TCP side answers each line upper-cased, then closes
      CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
        try (Socket s = tcp.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
          byte[] b = in.readNBytes(6);
          out.write(new String(b, StandardCharsets.US_ASCII).toUpperCase().getBytes(StandardCharsets.US_ASCII));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Path socket = dir.resolve("kubelet.sock");
      Files.writeString(socket, "stale");  // a file left by a killed process is replaced
      try (DomainSocketForward forward = DomainSocketForward.start(socket,
          new InetSocketAddress("127.0.0.1", tcp.getLocalPort()));
          SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        client.connect(UnixDomainSocketAddress.of(socket));
        client.write(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer answer = ByteBuffer.allocate(64);
        while (client.read(answer) >= 0 && answer.position() < 6) { }
        assertThat(new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII)).isEqualTo("HELLO\n");
        served.get(60, TimeUnit.SECONDS);
        // the TCP side closed: so does the socket's connection
        answer.clear();
        assertThat(client.read(answer)).isEqualTo(-1);
      }
      assertThat(socket).doesNotExist();
    }
  }
}
