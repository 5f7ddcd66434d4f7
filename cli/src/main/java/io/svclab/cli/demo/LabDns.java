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

/**
 * One question asked of the lab's dns-server from the host, as
 * {@code dig @127.0.0.1 -p 1053 TYPE FQDN} would: for the record types the pods' toolbox
 * does not show (an ExternalName's CNAME, a named port's SRV).
 */
final class LabDns {
  private final String server;
  private final int port;

  LabDns(String server, int port) {
    this.server = server;
    this.port = port;
  }

  String address() {
    return server + " -p " + port;
  }

  Lookup ask(String fqdn, int type) throws IOException {
    SimpleResolver resolver = new SimpleResolver(server);
    resolver.setPort(port);
    resolver.setTimeout(Duration.ofSeconds(2));
    Message reply = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(fqdn + "."), type, DClass.IN)));
    List<String> records = new ArrayList<>();
    String cname = "";
    for (Record r : reply.getSection(Section.ANSWER)) {
      if (r instanceof ARecord a) {
        records.add(a.getAddress().getHostAddress());
      } else if (r instanceof CNAMERecord c && cname.isEmpty()) {
        cname = c.getTarget().toString(true);
      } else {
        records.add(r.rdataToString());
      }
    }
    return new Lookup(fqdn, fqdn, Rcode.string(reply.getRcode()), cname, List.copyOf(records));
  }
}
