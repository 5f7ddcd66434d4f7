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
 * One HTTP/1.1 GET from a chosen source address. Java's HttpClient cannot bind its local
 * address (before Java 19), and the source address is what makes a request come "from a pod"
 * (its pod IP) or from distinct clients for session affinity, so this speaks HTTP on a socket.
 */
final class Curl {
  static final int MAX_BYTES = 1 << 20;

  private Curl() {}

  static HttpReply get(String sourceIp, String host, int port, String path, String userAgent) {
    try (Socket socket = new Socket()) {
      socket.setSoLinger(true, 0);
      if (sourceIp != null) {
        socket.bind(new InetSocketAddress(InetAddress.getByName(sourceIp), 0));
      }
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
      // the proxy resets a connection to a Service with no endpoints, as kube-proxy's REJECT does
      return HttpReply.failed("curl: (56) Recv failure: Connection reset by peer");
    } catch (IOException e) {
      return HttpReply.failed("curl: " + e.getMessage());
    }
  }
}
