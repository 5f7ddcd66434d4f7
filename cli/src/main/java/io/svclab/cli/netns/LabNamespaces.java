package io.svclab.cli.netns;

import io.svclab.client.process.BoundedRun;
import io.svclab.net.netns.NetnsStep;
import io.svclab.net.netns.NetnsSteps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries {@link LabNetworkPlan} out with the real {@code ip} (each command bounded in time) and
 * remembers, in {@code <data>/netns}, the name prefix of the namespaces a lab of that data dir made,
 * so {@code down}, Ctrl-C and a start after {@code kill -9} remove every one of them (pods' too).
 */
public final class LabNamespaces {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private LabNamespaces() {}

  public static Path recordFile(Path dataDir) {
    return dataDir.resolve("netns");
  }

  /**
   * Why this machine cannot run a {@code --netns} lab, in one line; empty when it can. Needs root
   * (namespaces, veth pairs, iptables) and iproute2's {@code ip}, util-linux's {@code nsenter} and
   * {@code iptables}.
   */
  public static Optional<String> unavailable() {
    if (!isRoot()) {
      return Optional.of("--netns needs root (network namespaces, veth pairs and iptables rules): run it with sudo");
    }
    for (List<String> tool : List.of(List.of("ip", "netns", "list"), List.of("nsenter", "--version"),
        List.of("iptables", "--version"))) {
      Optional<String> failed = BoundedRun.failure(tool, COMMAND_TIMEOUT);
      if (failed.isPresent()) {
        return Optional.of("--netns needs " + tool.get(0) + " (apt-get install iproute2 util-linux iptables): " + failed.get());
      }
    }
    return Optional.empty();
  }

  /** The names {@code ip netns list} shows. */
  public static List<String> list() {
    BoundedRun.Outcome o = BoundedRun.run(List.of("ip", "netns", "list"), Map.of(), null, COMMAND_TIMEOUT);
    return o.ending() == BoundedRun.Ending.EXITED && o.exitCode() == 0 ? NetnsSteps.parseList(o.stdout()) : List.of();
  }

  /** This lab's namespaces that exist now. */
  public static List<String> existing(LabNetwork net) {
    return list().stream().filter(net::owns).sorted().toList();
  }

  /** Builds the lab's network; on failure removes what was built and says why. */
  public static Optional<String> create(Path dataDir, LabNetwork net, String proxyMode) throws IOException {
    Files.writeString(recordFile(dataDir), net.prefix() + "\n");
    Optional<String> failed = NetnsSteps.apply(LabNetworkPlan.up(net, proxyMode), LabNamespaces::run);
    if (failed.isPresent()) {
      remove(net);
    }
    return failed;
  }

  /** Removes every namespace of the lab (and with them their links and rules); returns their names. */
  public static List<String> remove(LabNetwork net) {
    List<NetnsStep> steps = LabNetworkPlan.down(net, list());
    steps.forEach(s -> run(s.argv()));  // each on its own: one already gone must not keep the rest
    return steps.stream().map(s -> ((NetnsStep.DeleteNamespace) s).name()).toList();
  }

  /** The network a lab of {@code dataDir} recorded (a running or a dead one), if any. */
  public static Optional<LabNetwork> recorded(Path dataDir) {
    try {
      Path f = recordFile(dataDir);
      if (!Files.exists(f)) return Optional.empty();
      String prefix = Files.readString(f).strip();
      return prefix.isEmpty() ? Optional.empty() : Optional.of(new LabNetwork(prefix, 1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Removes what a lab of {@code dataDir} recorded and forgets the record; returns the names removed. */
  public static List<String> removeRecorded(Path dataDir) throws IOException {
    Optional<LabNetwork> net = recorded(dataDir);
    if (net.isEmpty()) return List.of();
    List<String> removed = remove(net.get());
    Files.deleteIfExists(recordFile(dataDir));
    return removed;
  }

  private static Optional<String> run(List<String> argv) {
    return BoundedRun.failure(argv, COMMAND_TIMEOUT);
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
          .anyMatch(l -> l.split("\\s+")[2].equals("0"));  // Uid: real effective saved fs
    } catch (IOException e) {
      return false;
    }
  }
}
