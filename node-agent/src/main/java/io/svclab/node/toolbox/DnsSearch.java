package io.svclab.node.toolbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * The search a stub resolver makes for nslookup and host: each name resolv.conf's search list and
 * ndots give ({@link PodDns#candidates}) in turn, asked of the pod's nameserver from the pod IP,
 * until one has an answer. The result keeps the whole reply (CNAMEs included) for the tool to print.
 */
final class DnsSearch {
  private DnsSearch() {}

  /** The first reply with records (found), else the rcode to report (NXDOMAIN if any name was), or no server answered. */
  record Result(Message found, int rcode, boolean unreachable) {}

  static Result search(ToolCall.Pod pod, String server, String host, int type) throws InterruptedException {
    PodDns.ResolvConf conf = PodDns.resolvConf(pod);
    List<String> names = PodDns.literal(host) != null ? List.of(host) : PodDns.candidates(host, conf);
    int rcode = -1;
    boolean nxdomain = false;
    for (String name : names) {
      Message m;
      try {
        m = DnsExchange.query(pod, server, 53, PodDns.absolute(name), type, Duration.ofSeconds(5)).message();
      } catch (TextParseException e) {
        return new Result(null, Rcode.FORMERR, false);
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
        continue;
      }
      if (m.getRcode() == Rcode.NOERROR && !m.getSection(Section.ANSWER).isEmpty()) return new Result(m, Rcode.NOERROR, false);
      nxdomain |= m.getRcode() == Rcode.NXDOMAIN;
      rcode = m.getRcode();
    }
    if (rcode < 0) return new Result(null, -1, true);
    return new Result(null, nxdomain ? Rcode.NXDOMAIN : rcode, false);
  }
}
