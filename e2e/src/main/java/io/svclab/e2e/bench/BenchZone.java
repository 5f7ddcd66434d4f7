package io.svclab.e2e.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The names the DNS benchmark serves (each Service's A records as the dns-server answers them)
 * written as an NSD zone file, and the dnsperf query file both servers get.
 */
record BenchZone(String zone, long ttl, Map<String, List<String>> addresses) {
  /** {@code cluster.local} zone file: the dns-server's SOA and NS, then every name's A records. */
  void writeZoneFile(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("$ORIGIN " + zone + ".\n$TTL " + ttl + "\n");
      w.write("@ IN SOA ns.dns." + zone + ". hostmaster." + zone + ". 1 7200 1800 86400 " + ttl + "\n");
      w.write("@ IN NS ns.dns." + zone + ".\n");
      w.write("ns.dns IN A 127.96.0.10\n");
      for (Map.Entry<String, List<String>> e : addresses.entrySet()) {
        for (String ip : e.getValue()) {
          w.write(e.getKey() + ". IN A " + ip + "\n");
        }
      }
    }
  }

  /**
   * {@code lines} A queries in a fixed random order: names that exist, and {@code missingShare}
   * of names that do not (same shape, another Service name: NXDOMAIN from both servers).
   */
  void writeQueryFile(Path file, int lines, double missingShare, long seed) throws IOException {
    List<String> names = new ArrayList<>(addresses.keySet());
    Collections.sort(names);
    Random random = new Random(seed);
    try (Writer w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < lines; i++) {
        String name = names.get(random.nextInt(names.size()));
        if (random.nextDouble() < missingShare) {
          name = "missing-" + name;
        }
        w.write(name + " A\n");
      }
    }
  }

  int records() {
    return addresses.values().stream().mapToInt(List::size).sum();
  }
}
