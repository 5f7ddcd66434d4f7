package io.svclab.node.toolbox;

import java.net.InetAddress;

/**
 * {@code nslookup NAME [SERVER]} as busybox prints it ({@code Address: 10.96.0.10:53}) or as
 * bind's does ({@code Address: 10.96.0.10#53}), through the pod's resolv.conf (search list, ndots),
 * never its /etc/hosts. Not found: {@code ** server can't find NAME: NXDOMAIN}, exit 1.
 */
final class Nslookup implements Tool {
  private final boolean bind;

  Nslookup(boolean bind) {
    this.bind = bind;
  }

  @Override
  public int run(ToolCall c) {
    var names = c.args().stream().filter(a -> !a.startsWith("-")).toList();
    if (names.isEmpty()) {
      c.err().println(bind ? "nslookup: interactive mode is not supported here" : "BusyBox v1.36.1 multi-call binary.");
      return 1;
    }
    String name = names.get(0);
    String server = names.size() > 1 ? names.get(1) : PodDns.resolvConf(c.pod()).nameserver();
    c.out().println("Server:\t\t" + server);
    c.out().println("Address:\t" + server + (bind ? "#53" : ":53"));
    c.out().println();
    PodDns.Answer a = PodDns.lookup(c.pod(), name, false);
    if (!a.found()) {
      if (a.serverFailed()) {
        c.out().println(";; connection timed out; no servers could be reached");
        c.out().println();
        return 1;
      }
      String shown = name.contains(".") || bind ? name : name + "." + PodDns.resolvConf(c.pod()).search().stream()
          .reduce((x, y) -> y).orElse("");
      c.out().println("** server can't find " + (bind ? name : shown) + ": NXDOMAIN");
      c.out().println();
      return 1;
    }
    for (InetAddress ip : a.addresses()) {
      c.out().println("Name:\t" + a.name());
      c.out().println("Address: " + ip.getHostAddress());
    }
    c.out().println();
    return 0;
  }
}
