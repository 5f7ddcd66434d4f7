package io.svclab.node.toolbox;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * curl 8 for plain HTTP: {@code -s -S -v -I -i -o FILE -w FORMAT -m SECS --connect-timeout SECS
 * -H -X -d -L -f}, its {@code -v} trace, its error lines ({@code curl: (7) Failed to connect to ...})
 * and exit codes (6 resolve, 7 connect, 28 timeout, 52 empty reply, 56 receive failure, 22 with -f).
 * Connections start from the pod IP; names resolve through the pod's resolv.conf.
 */
final class Curl implements Tool {
  static final String VERSION = "8.11.1";

  private record Options(boolean silent, boolean showError, boolean verbose, boolean head, boolean include,
      String output, String writeOut, double maxTime, double connectTimeout, List<Map.Entry<String, String>> headers,
      String method, String data, boolean fail, String url) {}

  @Override
  public int run(ToolCall c) {
    boolean silent = false, showError = false, verbose = false, head = false, include = false, fail = false;
    String output = null, writeOut = null, method = null, data = null, url = null;
    double maxTime = 0, connectTimeout = 0;
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      String next = i + 1 < a.size() ? a.get(i + 1) : null;
      switch (s) {
        case "-o", "--output" -> { output = next; i++; }
        case "-w", "--write-out" -> { writeOut = next; i++; }
        case "-m", "--max-time" -> { maxTime = seconds(next); i++; }
        case "--connect-timeout" -> { connectTimeout = seconds(next); i++; }
        case "-H", "--header" -> {
          int colon = next == null ? -1 : next.indexOf(':');
          if (colon > 0) headers.add(Map.entry(next.substring(0, colon).strip(), next.substring(colon + 1).strip()));
          i++;
        }
        case "-X", "--request" -> { method = next; i++; }
        case "-d", "--data", "--data-raw", "--data-binary" -> { data = data == null ? next : data + "&" + next; i++; }
        case "--silent" -> silent = true;
        case "--verbose" -> verbose = true;
        case "--head" -> head = true;
        case "--include" -> include = true;
        case "--fail" -> fail = true;
        case "--show-error" -> showError = true;
        case "-L", "--location", "-k", "--insecure" -> { }
        default -> {
          if (s.startsWith("-") && s.length() > 1 && !s.startsWith("--")) {
            for (char f : s.substring(1).toCharArray()) {
              switch (f) {
                case 's' -> silent = true;
                case 'S' -> showError = true;
                case 'v' -> verbose = true;
                case 'I' -> head = true;
                case 'i' -> include = true;
                case 'f' -> fail = true;
                case 'L', 'k' -> { }
                default -> {
                  c.err().println("curl: option " + s + ": is unknown");
                  c.err().println("curl: try 'curl --help' or 'curl --manual' for more information");
                  return 2;
                }
              }
            }
          } else if (s.startsWith("--")) {
            c.err().println("curl: option " + s + ": is unknown");
            c.err().println("curl: try 'curl --help' or 'curl --manual' for more information");
            return 2;
          } else {
            url = s;
          }
        }
      }
    }
    if (url == null) {
      c.err().println("curl: try 'curl --help' or 'curl --manual' for more information");
      return 2;
    }
    Options o = new Options(silent, showError, verbose, head, include, output, writeOut, maxTime, connectTimeout,
        headers, method, data, fail, url);
    return fetch(c, o);
  }

  private static double seconds(String s) {
    try {
      return s == null ? 0 : Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private int fetch(ToolCall c, Options o) {
    String raw = o.url().contains("://") ? o.url() : "http://" + o.url();
    URI uri;
    try {
      uri = URI.create(raw);
    } catch (IllegalArgumentException e) {
      return error(c, o, 3, "URL rejected: Malformed input to a URL function");
    }
    if (!"http".equals(uri.getScheme())) {
      return error(c, o, 1, "Protocol \"" + uri.getScheme() + "\" not supported");
    }
    String host = uri.getHost();
    if (host == null) return error(c, o, 3, "URL rejected: No host part in the URL");
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    PrintStream err = c.err();
    long start = System.nanoTime();
    PodDns.Answer answer = PodDns.lookup(c.pod(), host, true);
    if (!answer.found()) {
      return error(c, o, 6, "Could not resolve host: " + host);
    }
    InetAddress addr = answer.addresses().get(0);
    if (o.verbose()) {
      if (PodDns.literal(host) == null) {
        err.println("* Host " + host + ":" + port + " was resolved.");
        err.println("* IPv6: (none)");
        err.println("* IPv4: " + String.join(", ", answer.addresses().stream().map(InetAddress::getHostAddress).toList()));
      }
      err.println("*   Trying " + addr.getHostAddress() + ":" + port + "...");
    }
    int connectMillis = (int) (1000 * (o.connectTimeout() > 0 ? o.connectTimeout() : o.maxTime() > 0 ? o.maxTime() : 300));
    Socket socket;
    try {
      socket = PodSockets.connect(c.pod(), addr, port, connectMillis);
    } catch (SocketTimeoutException e) {
      return error(c, o, 28, "Connection timed out after " + elapsed(start) + " milliseconds");
    } catch (ConnectException | NoRouteToHostException e) {
      if (o.verbose()) err.println("* connect to " + addr.getHostAddress() + " port " + port + " from " + c.pod().podIp()
          + " port 0 failed: Connection refused");
      return error(c, o, 7, "Failed to connect to " + host + " port " + port + " after " + elapsed(start)
          + " ms: Couldn't connect to server");
    } catch (IOException e) {
      return error(c, o, 7, "Failed to connect to " + host + " port " + port + " after " + elapsed(start)
          + " ms: Couldn't connect to server");
    }
    try (socket) {
      if (o.verbose()) {
        err.println("* Connected to " + host + " (" + addr.getHostAddress() + ") port " + port);
        err.println("* using HTTP/1.x");
      }
      String method = o.method() != null ? o.method() : o.head() ? "HEAD" : o.data() != null ? "POST" : "GET";
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      headers.add(Map.entry("Host", port == 80 ? host : host + ":" + port));
      headers.add(Map.entry("User-Agent", "curl/" + VERSION));
      headers.add(Map.entry("Accept", "*/*"));
      byte[] body = o.data() == null ? new byte[0] : o.data().getBytes(StandardCharsets.UTF_8);
      if (o.data() != null) {
        headers.add(Map.entry("Content-Length", Integer.toString(body.length)));
        headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
      }
      for (var h : o.headers()) {
        headers.removeIf(x -> x.getKey().equalsIgnoreCase(h.getKey()));
        if (!h.getValue().isEmpty()) headers.add(h);
      }
      if (o.verbose()) {
        err.println("> " + method + " " + target + " HTTP/1.1");
        headers.forEach(h -> err.println("> " + h.getKey() + ": " + h.getValue()));
        err.println("> ");
      }
      if (o.maxTime() > 0) socket.setSoTimeout((int) Math.max(1, o.maxTime() * 1000 - elapsed(start)));
      HttpExchange.Response r = HttpExchange.exchange(socket, HttpExchange.request(method, target, headers, body),
          method.equals("HEAD"));
      StringBuilder head = new StringBuilder();
      head.append(r.version()).append(' ').append(r.status()).append(' ').append(r.reason()).append("\r\n");
      r.headers().forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
      head.append("\r\n");
      if (o.verbose()) {
        for (String line : head.toString().split("\r\n", -1)) {
          if (!line.isEmpty() || head.length() > 0) err.print("< " + line + "\r\n");
          if (line.isEmpty()) break;
        }
      }
      if (o.fail() && r.status() >= 400) {
        return error(c, o, 22, "The requested URL returned error: " + r.status());
      }
      byte[] shown;
      if (o.head() || o.include()) {
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] b = o.head() ? new byte[0] : r.body();
        shown = new byte[h.length + b.length];
        System.arraycopy(h, 0, shown, 0, h.length);
        System.arraycopy(b, 0, shown, h.length, b.length);
      } else {
        shown = r.body();
      }
      if (o.output() != null && !o.output().equals("-")) {
        if (!o.output().equals("/dev/null")) Files.write(c.files().apply(o.output()), shown);
      } else {
        c.out().write(shown, 0, shown.length);
      }
      if (o.verbose()) err.println("* Connection #0 to host " + host + " left intact");
      if (o.writeOut() != null) c.out().print(writeOut(o.writeOut(), r, elapsed(start), addr));
      return 0;
    } catch (SocketTimeoutException e) {
      return error(c, o, 28, "Operation timed out after " + elapsed(start) + " milliseconds with 0 bytes received");
    } catch (HttpExchange.Broken e) {
      return e.empty && e.getMessage().startsWith("Empty") ? error(c, o, 52, "Empty reply from server")
          : error(c, o, 56, "Recv failure: " + e.getMessage());
    } catch (IOException e) {
      return error(c, o, 56, "Recv failure: Connection reset by peer");
    }
  }

  static String writeOut(String format, HttpExchange.Response r, long millis, InetAddress addr) {
    return format.replace("%{http_code}", String.format("%03d", r.status()))
        .replace("%{response_code}", String.format("%03d", r.status()))
        .replace("%{remote_ip}", addr.getHostAddress())
        .replace("%{size_download}", Integer.toString(r.body().length))
        .replace("%{time_total}", String.format("%.6f", millis / 1000.0))
        .replace("\\n", "\n");
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static int error(ToolCall c, Options o, int code, String message) {
    if (!o.silent() || o.showError()) c.err().println("curl: (" + code + ") " + message);
    if (o.writeOut() != null) c.out().print(o.writeOut().replace("%{http_code}", "000").replace("\\n", "\n"));
    return code;
  }
}
