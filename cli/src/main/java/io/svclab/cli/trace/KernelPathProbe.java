package io.svclab.cli.trace;

import io.svclab.client.process.BoundedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell around {@link IptablesChainPath} and {@link NftChainPath}: in the kernel modes a node is
 * the network namespace {@code svclab-NODE}; when it exists and its nat table has kube-proxy's
 * rules, the trace gets a "Kernel path" section read from {@code ip netns exec svclab-NODE
 * iptables-save}, and when instead it has kube-proxy's nft table (nftables mode), one read from
 * {@code nft list table ip kube-proxy}. Nothing is added in userspace mode (no such namespace) or
 * when the tools cannot run (not root).
 */
final class KernelPathProbe {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private KernelPathProbe() {}

  static Trace withKernelPath(Trace trace, String node, TraceRequest req) {
    String ns = "svclab-" + node;
    if (!Files.exists(Path.of("/var/run/netns", ns))) return trace;
    List<String> lines = new ArrayList<>();
    BoundedRun.Outcome nat = save(ns, "nat");
    if (nat.exitCode() == 0 && nat.stdout().contains(":KUBE-SERVICES")) {
      BoundedRun.Outcome filter = save(ns, "filter");
      List<String> path = IptablesChainPath.of(nat.stdout(), filter.exitCode() == 0 ? filter.stdout() : "", req.ip(),
          req.port(), req.protocol());
      lines.add("iptables-save in network namespace " + ns + ":");
      lines.addAll(path.isEmpty() ? List.of("no KUBE-SERVICES or KUBE-NODEPORTS rule for this destination") : path);
    } else {
      BoundedRun.Outcome table = run(List.of("ip", "netns", "exec", ns, "nft", "list", "table", "ip", "kube-proxy"));
      if (table.exitCode() != 0) return trace;
      List<String> path = NftChainPath.of(table.stdout(), req.ip(), req.port(), req.protocol());
      lines.add("nft list table ip kube-proxy in network namespace " + ns + ":");
      lines.addAll(path.isEmpty() ? List.of("no service-ips or service-nodeports element for this destination") : path);
    }
    List<Trace.Section> sections = new ArrayList<>(trace.sections());
    sections.add(new Trace.Section("Kernel path", lines));
    return new Trace(trace.verdict(), sections);
  }

  private static BoundedRun.Outcome save(String ns, String table) {
    return run(List.of("ip", "netns", "exec", ns, "iptables-save", "-t", table));
  }

  private static BoundedRun.Outcome run(List<String> command) {
    return BoundedRun.run(command, Map.of(), null, TIMEOUT);
  }
}
