package io.svclab.cli.launch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks before anything starts, each failure said in one clear sentence. */
public final class Preflight {
  private Preflight() {}

  /** The pid of a lab already running on this data dir, if any. */
  public static Optional<Long> runningLab(Path dataDir) {
    Path pidFile = dataDir.resolve("lab.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Problems with the ports the lab needs: "127.0.0.1:6443 is already in use (by ...)". */
  public static List<String> portProblems(List<InetSocketAddress> addresses) {
    List<String> problems = new ArrayList<>();
    for (InetSocketAddress a : addresses) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(a);
      } catch (IOException e) {
        String who = PortOwner.describe(a.getPort()).map(o -> " (held by " + o + ")").orElse("");
        if (a.getPort() < 1024 && e.getMessage() != null && e.getMessage().contains("Permission denied")) {
          problems.add(a.getHostString() + ":" + a.getPort() + " needs a privileged port: run as root or "
              + "`sysctl net.ipv4.ip_unprivileged_port_start=0`");
        } else {
          problems.add(a.getHostString() + ":" + a.getPort() + " is already in use" + who);
        }
      }
    }
    return problems;
  }

  /**
   * Whether this user may bind ports below 1024, probed on an address nothing else uses. The
   * tutorials' Services listen on 80 and kube-dns on 53, so without it they cannot be reached.
   */
  public static Optional<String> privilegedPortProblem(String probeAddress) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(probeAddress, 1));
      return Optional.empty();
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Permission denied")) {
        return Optional.of("this user cannot bind ports below 1024, so Services on port 80 and kube-dns on 53 will not "
            + "answer: run as root or `sysctl net.ipv4.ip_unprivileged_port_start=0`");
      }
      return Optional.empty();
    }
  }
}
