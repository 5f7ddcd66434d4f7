package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * bind's {@code dig [@SERVER] NAME [TYPE] [-t TYPE] [-p PORT] [+short] [+search] [+timeout=N]
 * [+tries=N]}: one query to the pod's nameserver (resolv.conf) from the pod IP, the name taken as
 * it is ({@code +search}: resolv.conf's search list, as dig does, the first that answers).
 * Output by {@link DigOutput}; exit 0 with any answer, 9 when no server answered, 1 on bad usage.
 */
final class Dig implements Tool {
  @Override
  public int run(ToolCall c) throws InterruptedException {
    String server = null;
    String name = null;
    int type = Type.A;
    int port = 53;
    boolean terse = false, search = false;
    int timeoutSeconds = 5, tries = 3;
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.startsWith("@")) {
        server = s.substring(1);
      } else if ((s.equals("-t") || s.equals("-p")) && i + 1 < a.size()) {
        String v = a.get(++i);
        if (s.equals("-t")) {
          type = Type.value(v.toUpperCase());
          if (type < 0) return usage(c, "invalid type: " + v);
        } else {
          port = Integer.parseInt(v);
        }
      } else if (s.startsWith("+")) {
        String opt = s.substring(1);
        if (opt.equals("short")) terse = true;
        else if (opt.equals("search")) search = true;
        else if (opt.equals("nosearch")) search = false;
        else if (opt.startsWith("timeout=")) timeoutSeconds = Math.max(1, Integer.parseInt(opt.substring(8)));
        else if (opt.startsWith("tries=")) tries = Math.max(1, Integer.parseInt(opt.substring(6)));
        // other display options (+noall, +answer, +nocmd ...) are not built: dig's full output stays
      } else if (name != null && Type.value(s.toUpperCase()) >= 0 && !s.contains(".")) {
        type = Type.value(s.toUpperCase());
      } else {
        name = s;
      }
    }
    PodDns.ResolvConf conf = PodDns.resolvConf(c.pod());
    if (server == null) server = conf.nameserver();
    if (name == null) name = ".";
    List<String> candidates = search ? PodDns.candidates(name, conf) : List.of(name);
    DigOutput.Query q = new DigOutput.Query(a, server, port, ZonedDateTime.now(c.pod().clock()));
    DnsExchange.Reply reply = null;
    for (String candidate : candidates) {
      try {
        reply = ask(c, server, port, PodDns.absolute(candidate), type, timeoutSeconds, tries);
      } catch (TextParseException e) {
        return usage(c, "'" + candidate + "' is not a legal name (" + e.getMessage() + ")");
      }
      if (reply == null) break;
      Message m = reply.message();
      if (m.getRcode() == Rcode.NOERROR && !m.getSection(Section.ANSWER).isEmpty()) break;
    }
    if (reply == null) {
      c.out().print(DigOutput.unreachable(q, tries));
      return 9;
    }
    c.out().print(terse ? DigOutput.terse(reply.message()) : DigOutput.full(q, reply));
    return 0;
  }

  private static DnsExchange.Reply ask(ToolCall c, String server, int port, Name name, int type, int timeoutSeconds,
      int tries) throws InterruptedException {
    for (int t = 0; t < tries; t++) {
      if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
      try {
        return DnsExchange.query(c.pod(), server, port, name, type, Duration.ofSeconds(timeoutSeconds));
      } catch (SocketTimeoutException e) {
        // dig retries, then says no server could be reached
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
      }
    }
    return null;
  }

  private static int usage(ToolCall c, String message) {
    c.err().println("dig: " + message);
    return 1;
  }
}
