package io.svclab.cli.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod's {@code /etc/resolv.conf} and the names a resolver tries for a query, in glibc's order:
 * a name with fewer dots than {@code ndots} goes through the search list first, then as is; a
 * name with at least {@code ndots} dots is tried as is first; a name ending in a dot only as is.
 * That is how {@code curl backend-service} inside a pod of {@code service-demo} becomes
 * {@code backend-service.service-demo.svc.cluster.local}.
 */
public record ResolvConf(List<String> search, List<String> nameservers, int ndots) {
  public static ResolvConf parse(String text) {
    List<String> search = new ArrayList<>();
    List<String> nameservers = new ArrayList<>();
    int ndots = 1;  // glibc's default when no options line says otherwise
    for (String raw : text.split("\n")) {
      String[] f = raw.trim().split("\\s+");
      if (f.length < 2) {
        continue;
      }
      switch (f[0]) {
        case "search" -> {
          search.clear();  // the last search line wins, as in glibc
          for (int i = 1; i < f.length; i++) {
            search.add(f[i]);
          }
        }
        case "nameserver" -> nameservers.add(f[1]);
        case "options" -> {
          for (int i = 1; i < f.length; i++) {
            if (f[i].startsWith("ndots:")) {
              ndots = Math.min(15, Integer.parseInt(f[i].substring("ndots:".length())));
            }
          }
        }
        default -> { }
      }
    }
    return new ResolvConf(List.copyOf(search), List.copyOf(nameservers), ndots);
  }

  /** Fully qualified names (without the trailing dot) in the order a pod's resolver asks for them. */
  public List<String> candidates(String name) {
    if (name.endsWith(".")) {
      return List.of(name.substring(0, name.length() - 1));
    }
    List<String> out = new ArrayList<>();
    long dots = name.chars().filter(c -> c == '.').count();
    if (dots >= ndots) {
      out.add(name);
    }
    for (String s : search) {
      out.add(name + "." + s);
    }
    if (dots < ndots) {
      out.add(name);
    }
    return out;
  }

  public String render() {
    return "search " + String.join(" ", search) + "\n"
        + nameservers.stream().map(n -> "nameserver " + n + "\n").reduce("", String::concat)
        + "options ndots:" + ndots + "\n";
  }
}
