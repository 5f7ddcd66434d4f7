package io.svclab.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * {@code curl -s} from the host, as the tutorials curl a NodePort or a load balancer's IP from a
 * laptop: one HTTP/1.1 GET on a socket, failures worded as curl words them.
 */
final class HostCurl {
  static final int MAX_BYTES = 1 << 20;

  private HostCurl() {}

  static HttpReply get(String host, int port, String path, String userAgent) {
    try (Socket socket = new Socket()) {
      socket.setSoLinger(true, 0);
      socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), 3000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + (port == 80 ? "" : ":" + port) + "\r\nUser-Agent: "
          + userAgent + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] raw = in.readNBytes(MAX_BYTES);
      if (raw.length == 0) {
        return HttpReply.failed("curl: (52) Empty reply from server");
      }
      return HttpReply.parse(new String(raw, StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      return HttpReply.failed("curl: (7) Failed to connect to " + host + " port " + port + ": Connection refused");
    } catch (SocketTimeoutException e) {
      return HttpReply.failed("curl: (28) Operation timed out (" + host + ":" + port + ")");
    } catch (SocketException e) {
      return HttpReply.failed("curl: (56) Recv failure: Connection reset by peer");
    } catch (IOException e) {
      return HttpReply.failed("curl: " + e.getMessage());
    }
  }
}
