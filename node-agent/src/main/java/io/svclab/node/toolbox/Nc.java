package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code nc -z [-v] [-w SECS] HOST PORT}: a TCP connect from the pod IP, reported as busybox's nc
 * or as OpenBSD's netcat (nicolaka/netshoot) words it. Only the port scan (-z) is built: nc as a
 * data pipe or a listener is refused with a message.
 */
final class Nc implements Tool {
  /** Whose nc this is. */
  enum Flavour { BUSYBOX, OPENBSD }

  /** How the connect ended. */
  enum Outcome { OPEN, REFUSED, TIMED_OUT }

  private final Flavour flavour;

  Nc(Flavour flavour) {
    this.flavour = flavour;
  }

  /** No -w: busybox waits as long as the kernel does; bounded here so nothing hangs forever. */
  static final int DEFAULT_WAIT_SECONDS = 30;

  @Override
  public int run(ToolCall c) {
    int verbose = 0;
    boolean zero = false, numeric = false;
    int wait = DEFAULT_WAIT_SECONDS;
    List<String> operands = new ArrayList<>();
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.equals("-w") && i + 1 < a.size()) {
        wait = Integer.parseInt(a.get(++i));
      } else if (s.startsWith("-") && s.length() > 1) {
        for (char f : s.substring(1).toCharArray()) {
          switch (f) {
            case 'v' -> verbose++;
            case 'z' -> zero = true;
            case 'n' -> numeric = true;
            default -> {
              c.err().println("nc: svclab's toolbox builds only 'nc -z [-v] [-n] [-w SECS] HOST PORT', not -" + f);
              return 1;
            }
          }
        }
      } else {
        operands.add(s);
      }
    }
    if (!zero || operands.size() != 2) {
      c.err().println("nc: svclab's toolbox builds only the port scan: nc -z [-v] [-w SECS] HOST PORT");
      return 1;
    }
    String host = operands.get(0);
    int port;
    try {
      port = Integer.parseInt(operands.get(1));
    } catch (NumberFormatException e) {
      c.err().println(flavour == Flavour.BUSYBOX ? "nc: bad port '" + operands.get(1) + "'"
          : "nc: port number invalid: " + operands.get(1));
      return 1;
    }
    PodDns.Answer answer = PodDns.lookup(c.pod(), host, true);
    if (!answer.found()) {
      c.err().println(flavour == Flavour.BUSYBOX ? "nc: bad address '" + host + "'"
          : "nc: getaddrinfo for host \"" + host + "\" port " + port + ": Name does not resolve");
      return 1;
    }
    InetAddress ip = answer.addresses().get(0);
    Outcome outcome;
    try (Socket s = PodSockets.connect(c.pod(), ip, port, Math.max(1, wait) * 1000)) {
      outcome = Outcome.OPEN;
    } catch (ConnectException e) {
      outcome = Outcome.REFUSED;
    } catch (SocketTimeoutException e) {
      outcome = Outcome.TIMED_OUT;
    } catch (IOException e) {
      outcome = Outcome.REFUSED;
    }
    String line = report(flavour, host, ip.getHostAddress(), port, outcome, verbose, numeric);
    if (!line.isEmpty()) c.err().print(line);
    return outcome == Outcome.OPEN ? 0 : 1;
  }

  /**
   * What each nc prints on stderr: busybox {@code HOST (IP:PORT) open}, a refusal only from
   * {@code -vv} ({@code nc: HOST (IP:PORT): Connection refused}), other failures from {@code -v};
   * OpenBSD {@code Connection to HOST (IP) PORT port [tcp/SERVICE] succeeded!} and
   * {@code nc: connect to HOST (IP) port PORT (tcp) failed: Connection refused}, the IP only when it
   * differs from what was typed and -n was not given.
   */
  static String report(Flavour flavour, String host, String ip, int port, Outcome outcome, int verbose, boolean numeric) {
    if (verbose == 0) return "";
    String error = outcome == Outcome.TIMED_OUT ? "Connection timed out" : "Connection refused";
    if (flavour == Flavour.BUSYBOX) {
      String dotted = host + " (" + ip + ":" + port + ")";
      if (outcome == Outcome.OPEN) return dotted + " open\n";
      if (outcome == Outcome.REFUSED && verbose < 2) return "";
      return "nc: " + dotted + ": " + error + "\n";
    }
    String shownIp = numeric || host.equals(ip) ? "" : " (" + ip + ")";
    if (outcome == Outcome.OPEN) {
      String service = numeric ? "*" : SERVICES.getOrDefault(port, "*");
      return "Connection to " + host + shownIp + " " + port + " port [tcp/" + service + "] succeeded!\n";
    }
    return "nc: connect to " + host + shownIp + " port " + port + " (tcp) failed: " + error + "\n";
  }

  /** The ports /etc/services names that Services commonly use (getservbyport). */
  static final Map<Integer, String> SERVICES = Map.ofEntries(Map.entry(21, "ftp"), Map.entry(22, "ssh"),
      Map.entry(25, "smtp"), Map.entry(53, "domain"), Map.entry(80, "http"), Map.entry(110, "pop3"),
      Map.entry(143, "imap"), Map.entry(443, "https"), Map.entry(3306, "mysql"), Map.entry(5432, "postgresql"),
      Map.entry(8080, "http-alt"));
}
