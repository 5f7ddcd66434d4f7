package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * busybox wget for plain HTTP: {@code -q}, {@code -O FILE|-}, {@code -S} (response headers on
 * stderr), {@code -T SECS}; its messages ({@code Connecting to HOST (IP:PORT)}, {@code bad address},
 * {@code can't connect to remote host}, {@code server returned error}) without the progress bar; exit 1 on failure.
 */
final class Wget implements Tool {
  @Override
  public int run(ToolCall c) {
    boolean quiet = false, headers = false;
    String output = null, url = null;
    int timeout = 900;
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.equals("-O") && i + 1 < a.size()) {
        output = a.get(++i);
      } else if (s.equals("-T") && i + 1 < a.size()) {
        timeout = Integer.parseInt(a.get(++i));
      } else if (s.startsWith("-") && s.length() > 1) {
        for (int k = 1; k < s.length(); k++) {
          char f = s.charAt(k);
          if (f == 'q') quiet = true;
          else if (f == 'S') headers = true;
          else if (f == 'O') {
            output = k + 1 < s.length() ? s.substring(k + 1) : i + 1 < a.size() ? a.get(++i) : null;
            break;
          }
        }
      } else {
        url = s;
      }
    }
    if (url == null) {
      c.err().println("BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.");
      c.err().println();
      c.err().println("Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]");
      return 1;
    }
    URI uri = URI.create(url.contains("://") ? url : "http://" + url);
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    PodDns.Answer answer = PodDns.lookup(c.pod(), host, true);
    if (!answer.found()) {
      c.err().println("wget: bad address '" + host + (port == 80 ? "" : ":" + port) + "'");
      return 1;
    }
    InetAddress addr = answer.addresses().get(0);
    if (!quiet) c.err().println("Connecting to " + host + " (" + addr.getHostAddress() + ":" + port + ")");
    try (Socket socket = PodSockets.connect(c.pod(), addr, port, timeout * 1000)) {
      socket.setSoTimeout(timeout * 1000);
      HttpExchange.Response r = HttpExchange.exchange(socket, HttpExchange.request("GET", target, List.of(
          Map.entry("Host", port == 80 ? host : host + ":" + port), Map.entry("User-Agent", "Wget"),
          Map.entry("Connection", "close")), new byte[0]), false);
      if (headers) {
        c.err().println("  " + r.version() + " " + r.status() + " " + r.reason());
        r.headers().forEach(h -> c.err().println("  " + h.getKey() + ": " + h.getValue()));
      }
      if (r.status() >= 400) {
        c.err().println("wget: server returned error: " + r.version() + " " + r.status() + " " + r.reason());
        return 1;
      }
      String file = output != null ? output : target.endsWith("/") ? "index.html" : target.replaceAll(".*/", "").replaceAll("\\?.*", "");
      if (file.equals("-")) {
        if (!quiet) c.err().println("writing to stdout");
        c.out().write(r.body(), 0, r.body().length);
        c.out().flush();
        if (!quiet) c.err().println("written to stdout");
      } else {
        if (!quiet) c.err().println("saving to '" + file + "'");
        Files.write(c.files().apply(file), r.body());
        if (!quiet) c.err().println("'" + file + "' saved");
      }
      return 0;
    } catch (SocketTimeoutException e) {
      c.err().println("wget: download timed out");
      return 1;
    } catch (IOException e) {
      String why = e.getMessage() != null && e.getMessage().contains("refused") ? "Connection refused" : e.getMessage();
      c.err().println("wget: can't connect to remote host (" + addr.getHostAddress() + "): " + why);
      return 1;
    }
  }
}
