package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.hosts.HostsFileParser;

/**
 * Name resolution as the pod's libc does it, through dnsjava: its {@code /etc/hosts} first, then
 * its {@code /etc/resolv.conf} (search list, {@code ndots}, nameserver), queries sent from the pod IP.
 */
final class PodDns {
  private PodDns() {}

  /** The parts of resolv.conf a resolver uses. */
  record ResolvConf(String nameserver, List<String> search, int ndots) {
    static ResolvConf parse(String text) {
      String ns = "127.0.0.1";
      List<String> search = new ArrayList<>();
      int ndots = 1;
      for (String line : text.split("\n")) {
        String[] f = line.strip().split("\\s+");
        if (f.length < 2) continue;
        switch (f[0]) {
          case "nameserver" -> ns = f[1];
          case "search" -> search = List.of(f).subList(1, f.length);
          case "options" -> {
            for (int i = 1; i < f.length; i++) if (f[i].startsWith("ndots:")) ndots = Integer.parseInt(f[i].substring(6));
          }
          default -> { }
        }
      }
      return new ResolvConf(ns, List.copyOf(search), ndots);
    }
  }

  /** A name's answer: the name that matched (after the search list) and its addresses; empty addresses: not found. */
  record Answer(String name, List<InetAddress> addresses, boolean serverFailed) {
    boolean found() {
      return !addresses.isEmpty();
    }
  }

  static ResolvConf resolvConf(ToolCall.Pod pod) {
    try {
      return ResolvConf.parse(Files.readString(pod.root().resolve("etc/resolv.conf"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return ResolvConf.parse("");
    }
  }

  static SimpleResolver resolver(ToolCall.Pod pod, String server) throws UnknownHostException {
    SimpleResolver r = new SimpleResolver(server);
    r.setLocalAddress(new InetSocketAddress(InetAddress.getByName(pod.podIp()), 0));
    r.setTimeout(Duration.ofSeconds(5));
    return r;
  }

  /** A literal IPv4 address, or null. */
  static InetAddress literal(String host) {
    if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The A records of {@code host} as the pod resolves it. */
  static Answer lookup(ToolCall.Pod pod, String host, boolean useHostsFile) {
    InetAddress lit = literal(host);
    if (lit != null) return new Answer(host, List.of(lit), false);
    ResolvConf conf = resolvConf(pod);
    try {
      Lookup l = new Lookup(host, Type.A);
      l.setResolver(resolver(pod, conf.nameserver()));
      l.setSearchPath(conf.search().toArray(String[]::new));
      l.setNdots(conf.ndots());
      l.setCache(new Cache());
      Path hosts = pod.root().resolve("etc/hosts");
      if (useHostsFile && Files.exists(hosts)) l.setHostsFileParser(new HostsFileParser(hosts));
      Record[] records = l.run();
      if (records == null || records.length == 0) {
        return new Answer(host, List.of(), l.getResult() == Lookup.TRY_AGAIN || l.getResult() == Lookup.UNRECOVERABLE);
      }
      List<InetAddress> out = new ArrayList<>();
      for (Record r : records) if (r instanceof ARecord a) out.add(a.getAddress());
      String name = records[0].getName().toString(true);
      return new Answer(name, out, false);
    } catch (TextParseException | UnknownHostException e) {
      return new Answer(host, List.of(), false);
    }
  }

  static Name absolute(String name) throws TextParseException {
    return Name.fromString(name.endsWith(".") ? name : name + ".");
  }
}
