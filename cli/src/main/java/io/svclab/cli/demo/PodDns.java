package io.svclab.cli.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * nslookup "from a pod": the pod's search list and ndots pick the names, the questions go to the
 * lab's dns-server (127.0.0.1:1053, the same server behind the kube-dns ClusterIP in the pod's
 * resolv.conf). The first name that exists answers, as a stub resolver stops at the first
 * NOERROR with data.
 */
final class PodDns {
  private final String server;
  private final int port;

  PodDns(String server, int port) {
    this.server = server;
    this.port = port;
  }

  Lookup lookup(ResolvConf conf, String name, int type) throws IOException {
    String lastRcode = "";
    for (String candidate : conf.candidates(name)) {
      Message reply = ask(candidate, type);
      // as a stub resolver reports it: NXDOMAIN once any search name said so (a bare name outside
      // the cluster zone is REFUSED by a lab without an upstream)
      lastRcode = lastRcode.equals("NXDOMAIN") && reply.getRcode() != Rcode.NOERROR ? lastRcode : Rcode.string(reply.getRcode());
      List<String> addresses = new ArrayList<>();
      String cname = "";
      for (Record r : reply.getSection(Section.ANSWER)) {
        if (r instanceof ARecord a) {
          addresses.add(a.getAddress().getHostAddress());
        } else if (r instanceof CNAMERecord c && cname.isEmpty()) {
          cname = c.getTarget().toString(true);
        } else if (type != Type.A) {
          addresses.add(r.rdataToString());
        }
      }
      if (reply.getRcode() == Rcode.NOERROR && (!addresses.isEmpty() || !cname.isEmpty())) {
        return new Lookup(name, candidate, lastRcode, cname, addresses);
      }
    }
    return new Lookup(name, "", lastRcode, "", List.of());
  }

  Message ask(String fqdn, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), type, DClass.IN)));
  }
}
