package io.svclab.node.toolbox;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * {@code nslookup NAME [SERVER]} as busybox prints it ({@code Address: 10.96.0.10:53}) or as
 * bind's does ({@code Address: 10.96.0.10#53}), through the pod's resolv.conf (search list, ndots),
 * never its /etc/hosts. An ExternalName Service's CNAME shows as {@code NAME\tcanonical name = TARGET}
 * (bind keeps the target's final dot, busybox drops it). Not found: {@code ** server can't find
 * NAME: NXDOMAIN}, exit 1.
 */
final class Nslookup implements Tool {
  private final boolean bind;

  Nslookup(boolean bind) {
    this.bind = bind;
  }

  @Override
  public int run(ToolCall c) throws InterruptedException {
    var names = c.args().stream().filter(a -> !a.startsWith("-")).toList();
    if (names.isEmpty()) {
      c.err().println(bind ? "nslookup: interactive mode is not supported here" : "BusyBox v1.36.1 multi-call binary.");
      return 1;
    }
    String name = names.get(0);
    PodDns.ResolvConf conf = PodDns.resolvConf(c.pod());
    String server = names.size() > 1 ? names.get(1) : conf.nameserver();
    c.out().println("Server:\t\t" + server);
    c.out().println("Address:\t" + server + (bind ? "#53" : ":53"));
    c.out().println();
    DnsSearch.Result r = DnsSearch.search(c.pod(), server, name, org.xbill.DNS.Type.A);
    if (r.unreachable()) {
      c.out().println(";; connection timed out; no servers could be reached");
      c.out().println();
      return 1;
    }
    if (r.found() == null) {
      String shown = name.contains(".") || bind ? name
          : name + "." + conf.search().stream().reduce((x, y) -> y).orElse("");
      c.out().println("** server can't find " + shown + ": " + org.xbill.DNS.Rcode.string(r.rcode()));
      c.out().println();
      return 1;
    }
    c.out().print(answer(r.found(), bind));
    c.out().println();
    return 0;
  }

  /** The answer section in nslookup's words: CNAMEs as canonical names, addresses as Name/Address pairs. */
  static String answer(Message m, boolean bind) {
    StringBuilder b = new StringBuilder();
    for (Record r : m.getSection(Section.ANSWER)) {
      String owner = r.getName().toString(true);
      if (r instanceof CNAMERecord cn) {
        b.append(owner).append("\tcanonical name = ").append(cn.getTarget().toString(!bind)).append('\n');
      } else if (r instanceof ARecord a) {
        b.append("Name:\t").append(owner).append('\n').append("Address: ").append(a.getAddress().getHostAddress())
            .append('\n');
      }
    }
    return b.toString();
  }
}
