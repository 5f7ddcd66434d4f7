package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ping [-c N] [-i SECS] HOST}: a pod here is an address on the host's loopback, where ICMP
 * echo says nothing about a Service (every 127.x answers). So ping says in one line that ICMP is
 * not available and tests what can be tested: a TCP connect from the pod IP to the Service's
 * port(s) (found from the pod's Service environment variables for that ClusterIP) or else port
 * 80, once per interval, N times, then a summary in ping's shape. Exit 0 if any connect
 * succeeded, 1 if none did (ping's "no reply"), as scripts test it.
 */
final class Ping implements Tool {
  private final boolean iputils;

  /** iputils' ping (nicolaka/netshoot) words a bad name differently from busybox's. */
  Ping(boolean iputils) {
    this.iputils = iputils;
  }

  /** Without -c ping runs until interrupted; bounded here (^C still ends it first). */
  static final int MAX_COUNT = 100_000;

  @Override
  public int run(ToolCall c) throws InterruptedException {
    int count = MAX_COUNT;
    double interval = 1;
    String host = null;
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      try {
        if (s.equals("-c") && i + 1 < a.size()) count = Math.max(1, Math.min(MAX_COUNT, Integer.parseInt(a.get(++i))));
        else if (s.startsWith("-c") && s.length() > 2) count = Math.max(1, Math.min(MAX_COUNT, Integer.parseInt(s.substring(2))));
        else if (s.equals("-i") && i + 1 < a.size()) interval = Math.max(0.2, Double.parseDouble(a.get(++i)));
        else if (s.equals("-W") || s.equals("-w") || s.equals("-s")) i++;
        else if (!s.startsWith("-")) host = s;
      } catch (NumberFormatException e) {
        c.err().println("ping: invalid number '" + a.get(i) + "'");
        return iputils ? 2 : 1;
      }
    }
    if (host == null) {
      c.err().println(iputils ? "ping: usage error: Destination address required" : "BusyBox v1.36.1 multi-call binary.");
      return iputils ? 2 : 1;
    }
    PodDns.Answer answer = PodDns.lookup(c.pod(), host, true);
    if (!answer.found()) {
      c.err().println(iputils ? "ping: " + host + ": Name does not resolve" : "ping: bad address '" + host + "'");
      return iputils ? 2 : 1;
    }
    InetAddress ip = answer.addresses().get(0);
    List<Integer> ports = servicePorts(c.env(), ip.getHostAddress());
    c.out().println(note(host, ip.getHostAddress(), ports));
    int ok = 0;
    int sent = 0;
    for (int seq = 0; seq < count; seq++) {
      if (seq > 0) Thread.sleep((long) (interval * 1000));
      if (Thread.currentThread().isInterrupted() || c.out().checkError()) throw new InterruptedException();
      sent++;
      List<String> failed = new ArrayList<>();
      long start = System.nanoTime();
      for (int port : ports) {
        try (Socket s = PodSockets.connect(c.pod(), ip, port, 1000)) {
          // connected: the port answers
        } catch (ConnectException e) {
          failed.add(port + ": Connection refused");
        } catch (IOException e) {
          failed.add(port + ": Connection timed out");
        }
      }
      double ms = (System.nanoTime() - start) / 1e6;
      if (failed.isEmpty()) ok++;
      c.out().println(probeLine(ip.getHostAddress(), ports, seq, failed, ms));
    }
    c.out().print(summary(host, sent, ok));
    return ok > 0 ? 0 : 1;
  }

  /** The one line saying what is tested instead of ICMP. */
  static String note(String host, String ip, List<Integer> ports) {
    String shown = host.equals(ip) ? ip : host + " (" + ip + ")";
    return "PING " + shown + ": ICMP is not available in svclab's loopback mode; testing TCP port"
        + (ports.size() > 1 ? "s " : " ") + join(ports) + " instead";
  }

  static String probeLine(String ip, List<Integer> ports, int seq, List<String> failed, double ms) {
    if (failed.isEmpty()) {
      return "tcp connect to " + ip + " port " + join(ports) + ": seq=" + seq + " open time="
          + String.format(Locale.ROOT, "%.3f", ms) + " ms";
    }
    return "tcp connect to " + ip + " port " + String.join(", ", failed) + ": seq=" + seq;
  }

  /** ping's closing statistics, counting TCP connects instead of echo replies. */
  static String summary(String host, int sent, int ok) {
    int loss = sent == 0 ? 0 : (sent - ok) * 100 / sent;
    return "\n--- " + host + " ping statistics ---\n" + sent + " TCP connects, " + ok + " succeeded, " + loss
        + "% failed\n";
  }

  private static final Pattern PORT_VAR = Pattern.compile("(.+)_PORT_(\\d+)_TCP_PORT");

  /**
   * The TCP ports of the Service whose ClusterIP is {@code ip}, from the variables kubelet gives
   * the pod ({@code NAME_SERVICE_HOST=ip}, {@code NAME_PORT_80_TCP_PORT=80}); 80 when no Service of
   * the pod's namespace has that address.
   */
  static List<Integer> servicePorts(Map<String, String> env, String ip) {
    TreeSet<Integer> ports = new TreeSet<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      Matcher m = PORT_VAR.matcher(e.getKey());
      if (m.matches() && ip.equals(env.get(m.group(1) + "_SERVICE_HOST"))) {
        try {
          ports.add(Integer.parseInt(e.getValue()));
        } catch (NumberFormatException ignored) {
          // not a port: kubelet never writes one, a user variable might
        }
      }
    }
    return ports.isEmpty() ? List.of(80) : List.copyOf(ports);
  }

  private static String join(List<Integer> ports) {
    return String.join(",", ports.stream().map(String::valueOf).toList());
  }
}
