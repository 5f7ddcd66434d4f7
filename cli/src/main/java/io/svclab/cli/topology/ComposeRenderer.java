package io.svclab.cli.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders docker-compose.yml from {@link LabTopology} with the container lab's addresses
 * ({@link LabAddresses#container()}), so the compose file and {@code ./lab up} run the same
 * processes with the same flags; the committed file is checked against this rendering.
 * Control-plane components get one container each; node N's agent and proxy share container
 * {@code node-N}, as a kubelet and kube-proxy share a machine.
 */
public final class ComposeRenderer {
  public static final String IMAGE = "svclab:0.1.0";
  public static final String SUBNET = "172.28.0.0/16";
  public static final String LB_POOL = "172.28.100.0/24";
  public static final String NODE_IP_FORMAT = "172.28.1.%d";
  /**
   * The pod network: every node container joins it too, and pod traffic between nodes crosses it.
   * Its subnet covers every pod CIDR because Docker drops frames on an internal network whose
   * addresses are outside its subnet, so pod IPs could not cross the {@code lab} network.
   */
  public static final String POD_NETWORK = "10.244.0.0/16";
  /** Node n's address on the pod network: in 10.244.0.0/24, which is no node's pod CIDR (nodes count from 1). */
  static String podNetworkIp(int n) {
    return "10.244.0." + (10 + n);
  }
  static final Map<String, String> CONTROL_PLANE_IPS = Map.of("apiserver", "172.28.0.2", "endpoints-controller", "172.28.0.3",
      "workload-controller", "172.28.0.4", "cloud-lb", "172.28.0.5", "dns-server", "172.28.0.6");
  public static final String DNS_SERVER_IP = CONTROL_PLANE_IPS.get("dns-server");
  public static final String API_SERVER_IP = CONTROL_PLANE_IPS.get("apiserver");
  /** Published ports listen on the host's loopback only: the lab is reached from this machine, never from outside. */
  static final String PUBLISH_HOST = "127.0.0.1";
  static final Path DATA = Path.of("/data");

  private ComposeRenderer() {}

  /**
   * One compose service: its containers' components, address, the ports it publishes, the CIDRs
   * routed to its own loopback, and the other nodes' pod CIDRs routed to those nodes
   * ({@code CIDR=NODE_IP}), so every pod IP is reachable from every node, as in Kubernetes.
   */
  private record ServiceBlock(String name, String ip, List<Component> components, List<String> ports,
      List<String> localRoutes, List<String> peerRoutes, String dependsOn) {}

  public static String render(int nodes) {
    LabAddresses addresses = LabAddresses.container();
    Map<String, ServiceBlock> services = new LinkedHashMap<>();
    for (Component c : LabTopology.components(DATA, nodes, addresses)) {
      String name = c.name();
      if (name.startsWith("node-agent-") || name.startsWith("node-proxy-")) {
        int n = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
        String node = "node-" + n;
        ServiceBlock b = services.computeIfAbsent(node, k -> new ServiceBlock(k, addresses.nodeIp(n), new ArrayList<>(), List.of(),
            // pod IPs and ClusterIPs are bound on the node: route both ranges to the node's own loopback
            List.of(addresses.podCidr(n), addresses.serviceCidr()), peerRoutes(addresses, nodes, n), "apiserver"));
        b.components().add(c);
        continue;
      }
      List<String> ports = switch (name) {
        case "apiserver" -> List.of(PUBLISH_HOST + ":" + LabTopology.API_PORT + ":" + LabTopology.API_PORT);
        case "dns-server" -> List.of(PUBLISH_HOST + ":" + LabTopology.DNS_PORT + ":" + LabTopology.DNS_PORT + "/udp",
            PUBLISH_HOST + ":" + LabTopology.DNS_PORT + ":" + LabTopology.DNS_PORT + "/tcp");
        default -> List.of();
      };
      List<String> routes = name.equals("cloud-lb") ? List.of(addresses.lbPool()) : List.of();
      String ip = CONTROL_PLANE_IPS.get(name);
      if (ip == null) {
        throw new IllegalStateException("no container address for component " + name);
      }
      services.put(name, new ServiceBlock(name, ip, new ArrayList<>(List.of(c)), ports, routes, List.of(),
          name.equals("apiserver") ? null : "apiserver"));
    }
    StringBuilder y = new StringBuilder();
    y.append("# GENERATED from cli/src/main/java/io/svclab/cli/topology/LabTopology.java by ComposeRenderer:\n")
        .append("# the same components and flags as ./lab up, with the container lab's addresses (ARCHITECTURE.md, Addresses).\n")
        .append("# Do not edit; regenerate with: ./lab compose > docker-compose.yml (ComposeFileTest checks it).\n")
        .append("# Build the jars and the image first (./lab build; ./lab image, or ./lab image --local-base without a registry),\n")
        .append("# then: docker compose up -d --wait (v2), or docker-compose up -d && ./lab compose wait (v1).\n")
        .append("version: \"2.4\"\n\nservices:\n");
    for (ServiceBlock b : services.values()) {
      y.append("  ").append(b.name()).append(":\n");
      y.append("    build: .\n");
      y.append("    image: ").append(IMAGE).append('\n');
      y.append("    hostname: ").append(b.name()).append('\n');
      y.append("    command:");
      List<String> command = new ArrayList<>();
      for (Component c : b.components()) {
        if (!command.isEmpty()) {
          command.add("--and");
        }
        command.add(c.name().replaceAll("-\\d+$", ""));
        command.addAll(c.args());
      }
      y.append(" [").append(String.join(", ", command.stream().map(ComposeRenderer::quote).toList())).append("]\n");
      if (!b.localRoutes().isEmpty()) {
        y.append("    cap_add: [NET_ADMIN]\n");
        y.append("    environment:\n");
        y.append("      SVCLAB_LOCAL_ROUTES: ").append(quote(String.join(" ", b.localRoutes()))).append('\n');
        if (!b.peerRoutes().isEmpty()) {
          y.append("      SVCLAB_PEER_ROUTES: ").append(quote(String.join(" ", b.peerRoutes()))).append('\n');
        }
      }
      if (!b.ports().isEmpty()) {
        y.append("    ports:\n");
        b.ports().forEach(p -> y.append("      - ").append(quote(p)).append('\n'));
      }
      if (b.name().equals("apiserver")) {
        y.append("    volumes:\n      - apiserver-data:").append(DATA).append('\n');
      }
      y.append("    networks:\n      lab:\n        ipv4_address: ").append(b.ip()).append('\n');
      if (b.name().startsWith("node-")) {
        int n = Integer.parseInt(b.name().substring("node-".length()));
        y.append("      pods:\n        ipv4_address: ").append(podNetworkIp(n)).append('\n');
      }
      if (!b.ports().isEmpty()) {
        // ports are published from a non-internal network only; the lab network itself is internal
        y.append("      edge: {}\n");
      }
      y.append("    healthcheck:\n");
      List<String> test = new ArrayList<>(List.of("CMD", "svclab", "healthcheck"));
      b.components().forEach(c -> test.add(c.healthUrl()));
      y.append("      test: [").append(String.join(", ", test.stream().map(ComposeRenderer::quote).toList())).append("]\n");
      y.append("      interval: 2s\n      timeout: 2s\n      retries: 30\n      start_period: 5s\n");
      if (b.dependsOn() != null) {
        y.append("    depends_on:\n      ").append(b.dependsOn()).append(":\n        condition: service_healthy\n");
      }
      y.append("    restart: on-failure\n");
    }
    // lab: every container, internal (no route out). edge: only the containers with published
    // ports, since Docker publishes none from an internal network; no masquerade, so it leads nowhere either.
    y.append("\nnetworks:\n  lab:\n    internal: true\n    ipam:\n      config:\n        - subnet: ").append(SUBNET).append('\n');
    y.append("  pods:\n    internal: true\n    ipam:\n      config:\n        - subnet: ").append(POD_NETWORK).append('\n');
    y.append("  edge:\n    driver_opts:\n      com.docker.network.bridge.enable_ip_masquerade: \"false\"\n");
    y.append("\nvolumes:\n  apiserver-data:\n");
    return y.toString();
  }

  /** Node n's routes to every other node's pod CIDR, via that node's pod-network address (as flannel's host-gw). */
  static List<String> peerRoutes(LabAddresses addresses, int nodes, int n) {
    List<String> routes = new ArrayList<>();
    for (int other = 1; other <= nodes; other++) {
      if (other != n) {
        routes.add(addresses.podCidr(other) + "=" + podNetworkIp(other));
      }
    }
    return routes;
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
