package io.svclab.node.toolbox;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * bind's {@code host [-t TYPE] NAME [SERVER]}: through the pod's resolv.conf (search list and
 * ndots, as host uses them), from the pod IP. {@code NAME has address IP}, {@code NAME is an alias
 * for TARGET.}; {@code Host NAME not found: 3(NXDOMAIN)} and {@code ;; connection timed out; no
 * servers could be reached}, exit 1.
 */
final class Host implements Tool {
  @Override
  public int run(ToolCall c) throws InterruptedException {
    int type = Type.A;
    List<String> names = new ArrayList<>();
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.equals("-t") && i + 1 < a.size()) {
        type = Type.value(a.get(++i).toUpperCase());
        if (type < 0) {
          c.err().println("host: invalid type: " + a.get(i));
          return 1;
        }
      } else if (!s.startsWith("-")) {
        names.add(s);
      }
    }
    if (names.isEmpty()) {
      c.err().println("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]");
      c.err().println("            [-R number] [-m flag] [-p port] hostname [server]");
      return 1;
    }
    String host = names.get(0);
    String server = names.size() > 1 ? names.get(1) : PodDns.resolvConf(c.pod()).nameserver();
    if (names.size() > 1) {
      c.out().print(serverBanner(server));
    }
    DnsSearch.Result r = DnsSearch.search(c.pod(), server, host, type);
    if (r.unreachable()) {
      c.out().println(";; connection timed out; no servers could be reached");
      return 1;
    }
    if (r.found() == null) {
      c.out().println(notFound(host, r.rcode()));
      return 1;
    }
    c.out().print(answer(r.found()));
    return 0;
  }

  /** What host prints above the answer when a server is named. */
  static String serverBanner(String server) {
    return "Using domain server:\nName: " + server + "\nAddress: " + server + "#53\nAliases: \n\n";
  }

  static String notFound(String host, int rcode) {
    return "Host " + host + " not found: " + rcode + "(" + Rcode.string(rcode) + ")";
  }

  /** The answer section in host's words, one line a record, names without the root's dot. */
  static String answer(Message m) {
    StringBuilder b = new StringBuilder();
    for (Record r : m.getSection(Section.ANSWER)) {
      String owner = r.getName().toString(true);
      if (r instanceof ARecord ar) {
        b.append(owner).append(" has address ").append(ar.getAddress().getHostAddress());
      } else if (r instanceof CNAMERecord cn) {
        b.append(owner).append(" is an alias for ").append(cn.getTarget());
      } else {
        b.append(owner).append(" has ").append(Type.string(r.getType())).append(" record ").append(r.rdataToString());
      }
      b.append('\n');
    }
    return b.toString();
  }
}
