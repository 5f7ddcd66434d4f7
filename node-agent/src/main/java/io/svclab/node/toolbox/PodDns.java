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

  /**
   * The A records of {@code host} as the pod resolves it: each name of the search list in turn
   * (as many dots as {@code ndots} or more: the name itself first), its /etc/hosts first where
   * asked. Not found when some candidate was NXDOMAIN and none answered: the lab's DNS server
   * refuses names outside its zones (no upstream), which libc reports as "not found", not as an
   * unreachable server; that is left to timeouts and failures of every candidate.
   */
  static Answer lookup(ToolCall.Pod pod, String host, boolean useHostsFile) {
    InetAddress lit = literal(host);
    if (lit != null) return new Answer(host, List.of(lit), false);
    ResolvConf conf = resolvConf(pod);
    try {
      SimpleResolver resolver = resolver(pod, conf.nameserver());
      Path hosts = pod.root().resolve("etc/hosts");
      boolean notFound = false;
      for (String candidate : candidates(host, conf)) {
        Lookup l = new Lookup(absolute(candidate), Type.A);
        l.setResolver(resolver);
        l.setCache(new Cache());
        if (useHostsFile && Files.exists(hosts)) l.setHostsFileParser(new HostsFileParser(hosts));
        Record[] records = l.run();
        if (records != null && records.length > 0) {
          List<InetAddress> out = new ArrayList<>();
          for (Record r : records) if (r instanceof ARecord a) out.add(a.getAddress());
          return new Answer(records[0].getName().toString(true), out, false);
        }
        notFound |= l.getResult() == Lookup.HOST_NOT_FOUND || l.getResult() == Lookup.TYPE_NOT_FOUND;
      }
      return new Answer(host, List.of(), !notFound);
    } catch (TextParseException | UnknownHostException e) {
      return new Answer(host, List.of(), false);
    }
  }

  /** The names a resolver tries for {@code host}, in order (resolv.conf's search and ndots). */
  static List<String> candidates(String host, ResolvConf conf) {
    if (host.endsWith(".")) return List.of(host);
    long dots = host.chars().filter(ch -> ch == '.').count();
    List<String> searched = conf.search().stream().map(s -> host + "." + s).toList();
    List<String> out = new ArrayList<>();
    if (dots >= conf.ndots()) out.add(host);
    out.addAll(searched);
    if (dots < conf.ndots()) out.add(host);
    return List.copyOf(out);
  }

  static Name absolute(String name) throws TextParseException {
    return Name.fromString(name.endsWith(".") ? name : name + ".");
  }
}
