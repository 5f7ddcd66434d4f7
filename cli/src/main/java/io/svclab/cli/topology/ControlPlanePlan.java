package io.svclab.cli.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where the lab keeps its state and how many apiservers serve it: the default one apiserver on
 * {@code <data>/state.db} (SQLite), or ({@code ./lab up --etcd [--apiservers N]}) a local 3-member
 * etcd cluster and 1..3 apiservers on it. Ports step by 10 per member and per apiserver, all on
 * 127.0.0.1:
 *
 * <pre>
 *   etcd-K        client 2379, 2389, 2399   peer 2380, 2390, 2400   data &lt;data&gt;/etcd/etcd-K
 *   apiserver     gRPC 6443  REST 6444  admin 6080  unix &lt;data&gt;/apiserver.sock    data &lt;data&gt;
 *   apiserver-2   gRPC 6453  REST 6454  admin 6090  unix &lt;data&gt;/apiserver-2.sock  data &lt;data&gt;/apiserver-2
 *   apiserver-3   gRPC 6463  REST 6464  admin 6100  unix &lt;data&gt;/apiserver-3.sock  data &lt;data&gt;/apiserver-3
 * </pre>
 *
 * The first apiserver keeps the single lab's names and ports, so {@code <data>/kubeconfig} (which it
 * writes) and every tool pointed at 6443 keep working; the others keep their certificates and
 * kubeconfig in a directory of their own. Every other process gets {@link #apiTargets()}, the list.
 */
public record ControlPlanePlan(boolean etcd, int apiservers) {
  public static final int ETCD_MEMBERS = 3;
  public static final int MAX_APISERVERS = 3;
  public static final int PORT_STEP = 10;
  public static final int ETCD_CLIENT_PORT = 2379;
  public static final int ETCD_PEER_PORT = 2380;
  public static final String HOST = LabTopology.API_HOST;

  public ControlPlanePlan {
    if (apiservers < 1 || apiservers > MAX_APISERVERS) {
      throw new IllegalArgumentException("--apiservers " + apiservers + ": must be 1.." + MAX_APISERVERS);
    }
    if (apiservers > 1 && !etcd) {
      throw new IllegalArgumentException("--apiservers " + apiservers + " needs --etcd (apiservers share one store, "
          + "and SQLite's state.db serves one process)");
    }
  }

  /** The lab as it always was: one apiserver on SQLite. */
  public static ControlPlanePlan single() {
    return new ControlPlanePlan(false, 1);
  }

  /** One etcd member: its name, ports and data directory under {@code <data>/etcd}. */
  public record EtcdMember(String name, int clientPort, int peerPort) {
    public String clientUrl() {
      return "http://" + HOST + ":" + clientPort;
    }

    public String peerUrl() {
      return "http://" + HOST + ":" + peerPort;
    }

    public Path dataDir(Path labData) {
      return labData.resolve("etcd").resolve(name);
    }
  }

  /** One apiserver: its process name, ports, Unix socket and data directory. */
  public record ApiServerInstance(int index, String name, int grpcPort, int restPort, int adminPort) {
    public String target() {
      return HOST + ":" + grpcPort;
    }

    public Path socket(Path labData) {
      return labData.resolve(name + ".sock");
    }

    /** The first uses the lab's data directory (its kubeconfig is the lab's); the others one of their own. */
    public Path dataDir(Path labData) {
      return index == 1 ? labData : labData.resolve(name);
    }
  }

  public List<EtcdMember> members() {
    if (!etcd) {
      return List.of();
    }
    return IntStream.rangeClosed(1, ETCD_MEMBERS).mapToObj(k -> new EtcdMember("etcd-" + k,
        ETCD_CLIENT_PORT + (k - 1) * PORT_STEP, ETCD_PEER_PORT + (k - 1) * PORT_STEP)).toList();
  }

  public List<ApiServerInstance> apiServers() {
    return apiServers(apiservers);
  }

  private static List<ApiServerInstance> apiServers(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(k -> new ApiServerInstance(k, k == 1 ? "apiserver" : "apiserver-" + k,
        LabTopology.API_PORT + (k - 1) * PORT_STEP, LabTopology.API_REST_PORT + (k - 1) * PORT_STEP,
        LabTopology.API_ADMIN_PORT + (k - 1) * PORT_STEP)).toList();
  }

  /** {@code --api} of every other process: {@code 127.0.0.1:6443[,127.0.0.1:6453...]}. */
  public String apiTargets() {
    return apiServers().stream().map(ApiServerInstance::target).collect(Collectors.joining(","));
  }

  /**
   * The API list of a running lab from the names of its processes ({@code processes.tsv}): as many
   * apiservers as it runs, by this plan's ports; the single lab's 6443 when it names none.
   */
  public static String apiTargetsOf(List<String> processNames) {
    long count = processNames.stream().filter(n -> n.matches("apiserver(-[0-9]+)?")).count();
    return apiServers((int) Math.max(1, Math.min(MAX_APISERVERS, count))).stream().map(ApiServerInstance::target)
        .collect(Collectors.joining(","));
  }

  /** The apiservers' {@code --storage}: {@code sqlite:<data>/state.db} or {@code etcd:http://...,http://...}. */
  public String storage(Path labData) {
    return etcd ? "etcd:" + members().stream().map(EtcdMember::clientUrl).collect(Collectors.joining(","))
        : "sqlite:" + labData.resolve("state.db");
  }

  /** etcd's {@code --initial-cluster}: every member's name and peer URL. */
  public String initialCluster() {
    return members().stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
  }

  /**
   * One member's flags. The cluster token names the data directory, so two labs' members never join
   * each other; on a restart with data present etcd ignores the {@code --initial-*} flags.
   */
  public List<String> etcdArgs(EtcdMember m, Path labData) {
    List<String> args = new ArrayList<>(List.of("--name=" + m.name(), "--data-dir=" + m.dataDir(labData),
        "--listen-client-urls=" + m.clientUrl(), "--advertise-client-urls=" + m.clientUrl(),
        "--listen-peer-urls=" + m.peerUrl(), "--initial-advertise-peer-urls=" + m.peerUrl(),
        "--initial-cluster=" + initialCluster(), "--initial-cluster-state=new",
        "--initial-cluster-token=svclab-" + Integer.toHexString(labData.toAbsolutePath().normalize().toString().hashCode()),
        // etcd's routine INFO lines would drown the lab's console; warnings and errors still show
        "--logger=zap", "--log-outputs=stderr", "--log-level=warn"));
    return args;
  }

  /** Every address the plan binds, for the pre-flight port check. */
  public List<Integer> ports() {
    List<Integer> ports = new ArrayList<>();
    for (EtcdMember m : members()) {
      ports.add(m.clientPort());
      ports.add(m.peerPort());
    }
    for (ApiServerInstance a : apiServers()) {
      ports.addAll(List.of(a.grpcPort(), a.restPort(), a.adminPort()));
    }
    return ports;
  }
}
