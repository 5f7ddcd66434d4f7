package io.svclab.cli.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod's {@code /etc/resolv.conf} as {@code kubectl exec POD -- cat /etc/resolv.conf} shows it:
 * the search list that turns {@code backend-service} into
 * {@code backend-service.service-demo.svc.cluster.local}, the nameserver, ndots.
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
}
