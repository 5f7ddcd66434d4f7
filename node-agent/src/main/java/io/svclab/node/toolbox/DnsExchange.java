package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

/**
 * One DNS query as the pod's bind tools send it (dig, host, nslookup): UDP from the pod IP to the
 * server, EDNS with a 1232-byte buffer as BIND 9.18 offers, bounded by a timeout; dnsjava builds
 * and parses the messages.
 */
final class DnsExchange {
  private DnsExchange() {}

  /** The answer, its size on the wire and how long it took (dig's "Query time" and "MSG SIZE rcvd"). */
  record Reply(Message message, int size, long millis) {}

  static Reply query(ToolCall.Pod pod, String server, int port, Name name, int type, Duration timeout)
      throws IOException {
    SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(server), port));
    r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(pod.podIp()), 0));
    r.setTimeout(timeout);
    r.setEDNS(0, 1232, 0, List.of());
    long start = System.nanoTime();
    Message response = r.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Reply(response, response.toWire().length, millis);
  }
}
