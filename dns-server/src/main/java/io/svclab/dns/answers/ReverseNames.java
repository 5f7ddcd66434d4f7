package io.svclab.dns.answers;

import io.svclab.net.ip.IpAddress;
import java.util.List;

/** The address a reverse name stands for (dnsutil.ExtractAddressFromReverse), or null. */
final class ReverseNames {
  private ReverseNames() {}

  static final String V4_SUFFIX = "in-addr.arpa.";
  static final String V6_SUFFIX = "ip6.arpa.";

  /** @param labels all labels of the name, lower-case, leftmost first, without the root */
  static String address(List<String> labels) {
    int n = labels.size();
    if (n == 6 && labels.get(4).equals("in-addr") && labels.get(5).equals("arpa")) {
      String text = labels.get(3) + "." + labels.get(2) + "." + labels.get(1) + "." + labels.get(0);
      return IpAddress.parse(text).map(IpAddress::expanded).orElse(null);
    }
    if (n == 34 && labels.get(32).equals("ip6") && labels.get(33).equals("arpa")) {
      StringBuilder sb = new StringBuilder(39);
      for (int i = 31; i >= 0; i--) {
        String nibble = labels.get(i);
        if (nibble.length() != 1 || Character.digit(nibble.charAt(0), 16) < 0) {
          return null;
        }
        sb.append(nibble);
        if (i % 4 == 0 && i > 0) sb.append(':');
      }
      return IpAddress.parse(sb.toString()).map(IpAddress::expanded).orElse(null);
    }
    return null;
  }

  static boolean isReverse(String lowerFqdn) {
    return lowerFqdn.endsWith(V4_SUFFIX) || lowerFqdn.endsWith(V6_SUFFIX);
  }
}
