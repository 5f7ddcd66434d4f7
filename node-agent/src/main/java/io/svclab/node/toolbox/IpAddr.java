package io.svclab.node.toolbox;

import java.util.List;

/**
 * {@code ip addr} ({@code ip a}, {@code ip address show}, {@code ip -4 addr}): the pod's two
 * interfaces as a pod network namespace has them, lo and eth0 with the pod IP in the node's /24
 * pod CIDR, in busybox's or iproute2's layout (netshoot). The MAC is the one the bridge CNI
 * derives from the IP ({@code 0a:58} and the four address bytes). Only listing is built.
 */
final class IpAddr implements Tool {
  private final boolean iproute2;

  IpAddr(boolean iproute2) {
    this.iproute2 = iproute2;
  }

  @Override
  public int run(ToolCall c) {
    List<String> words = c.args().stream().filter(w -> !w.equals("-4")).toList();
    boolean list = !words.isEmpty() && List.of("a", "addr", "address").contains(words.get(0))
        && (words.size() == 1 || List.of("show", "list", "s", "ls").contains(words.get(1)));
    if (!list) {
      c.err().println("ip: svclab's toolbox builds only 'ip addr [show]'");
      return 1;
    }
    String dev = words.indexOf("dev") >= 0 && words.indexOf("dev") + 1 < words.size()
        ? words.get(words.indexOf("dev") + 1) : words.size() == 3 ? words.get(2) : null;
    if (dev != null && !dev.equals("lo") && !dev.equals("eth0")) {
      c.err().println(iproute2 ? "Device \"" + dev + "\" does not exist." : "ip: can't find device '" + dev + "'");
      return 1;
    }
    c.out().print(format(iproute2, c.pod().podIp(), 24, dev));
    return 0;
  }

  /** The listing, byte for byte as each ip prints it (trailing spaces included); {@code dev} null: both. */
  static String format(boolean iproute2, String podIp, int prefix, String dev) {
    String[] o = podIp.split("\\.");
    int ip = 0;
    for (String part : o) ip = ip << 8 | Integer.parseInt(part);
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    int brd = ip | ~mask;
    String mac = String.format("0a:58:%02x:%02x:%02x:%02x", ip >>> 24 & 0xff, ip >>> 16 & 0xff, ip >>> 8 & 0xff,
        ip & 0xff);
    String group = iproute2 ? "group default " : "";
    StringBuilder b = new StringBuilder();
    if (dev == null || dev.equals("lo")) {
      b.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN ").append(group)
          .append("qlen 1000\n");
      b.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
      b.append("    inet 127.0.0.1/8 scope host lo\n");
      b.append("       valid_lft forever preferred_lft forever\n");
    }
    if (dev == null || dev.equals("eth0")) {
      b.append("2: eth0@if").append((ip & 0xff) + 2).append(iproute2 ? ": <BROADCAST,MULTICAST,UP,LOWER_UP> "
          : ": <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> ").append("mtu 1500 qdisc noqueue state UP ").append(group)
          .append('\n');
      b.append("    link/ether ").append(mac).append(" brd ff:ff:ff:ff:ff:ff").append(iproute2 ? " link-netnsid 0" : "")
          .append('\n');
      b.append("    inet ").append(podIp).append('/').append(prefix).append(" brd ").append(dotted(brd))
          .append(" scope global eth0\n");
      b.append("       valid_lft forever preferred_lft forever\n");
    }
    return b.toString();
  }

  private static String dotted(int ip) {
    return (ip >>> 24 & 0xff) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff);
  }
}
