package io.svclab.cli.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's processes and their addresses (DESIGN.md §6, local column). The single list both
 * {@code ./lab up} and the compose file are checked against.
 */
public final class LabTopology {
  public static final String API_HOST = "127.0.0.1";
  public static final int API_PORT = 6443;
  public static final int API_ADMIN_PORT = 6080;
  public static final String SERVICE_CIDR = "127.96.0.0/16";
  public static final String KUBE_DNS_IP = "127.96.0.10";
  public static final int ENDPOINTS_CONTROLLER_ADMIN_PORT = 6081;
  public static final int WORKLOAD_CONTROLLER_ADMIN_PORT = 6082;
  public static final int DNS_ADMIN_PORT = 6083;
  public static final int CLOUD_LB_ADMIN_PORT = 6084;
  public static final String LB_POOL = "127.100.0.0/24";
  /** Every node's pod CIDR together; node-proxy masquerades ClusterIP traffic from outside it. */
  public static final String CLUSTER_CIDR = "127.244.0.0/16";
  public static final String DNS_HOST = "127.0.0.1";
  public static final int DNS_PORT = 1053;
  public static final int NODE_AGENT_ADMIN_PORT = 10248;
  public static final int NODE_PROXY_HEALTHZ_PORT = 10256;
  public static final int NODE_PROXY_METRICS_PORT = 10249;

  /** Node N's address (127.0.10.N) and pod CIDR (127.244.N.0/24). */
  public static String nodeIp(int n) {
    return "127.0.10." + n;
  }

  public static String podCidr(int n) {
    return "127.244." + n + ".0/24";
  }

  private LabTopology() {}

  public static List<Component> components(Path dataDir, int nodes) {
    List<Component> list = new ArrayList<>();
    list.add(new Component("apiserver", "io.svclab.apiserver.ApiServerMain",
        List.of("--data", dataDir.toString(), "--bind-address", API_HOST, "--port", Integer.toString(API_PORT),
            "--admin-port", Integer.toString(API_ADMIN_PORT), "--service-cluster-ip-range", SERVICE_CIDR,
            "--unix-socket", dataDir.resolve("apiserver.sock").toString()),
        List.of("grpc " + API_HOST + ":" + API_PORT, "admin http://" + API_HOST + ":" + API_ADMIN_PORT),
        "http://" + API_HOST + ":" + API_ADMIN_PORT + "/healthz"));
    list.add(new Component("endpoints-controller", "io.svclab.endpoints.EndpointsControllerMain",
        List.of("--api", API_HOST + ":" + API_PORT, "--bind-address", API_HOST,
            "--admin-port", Integer.toString(ENDPOINTS_CONTROLLER_ADMIN_PORT)),
        List.of("admin http://" + API_HOST + ":" + ENDPOINTS_CONTROLLER_ADMIN_PORT),
        "http://" + API_HOST + ":" + ENDPOINTS_CONTROLLER_ADMIN_PORT + "/healthz"));
    list.add(new Component("workload-controller", "io.svclab.workload.WorkloadControllerMain",
        List.of("--api", API_HOST + ":" + API_PORT, "--bind-address", API_HOST,
            "--admin-port", Integer.toString(WORKLOAD_CONTROLLER_ADMIN_PORT)),
        List.of("admin http://" + API_HOST + ":" + WORKLOAD_CONTROLLER_ADMIN_PORT),
        "http://" + API_HOST + ":" + WORKLOAD_CONTROLLER_ADMIN_PORT + "/healthz"));
    list.add(new Component("cloud-lb", "io.svclab.cloudlb.CloudLbMain",
        List.of("--api", API_HOST + ":" + API_PORT, "--pool", LB_POOL, "--bind-address", API_HOST,
            "--admin-port", Integer.toString(CLOUD_LB_ADMIN_PORT)),
        List.of("LoadBalancer IPs from " + LB_POOL, "admin http://" + API_HOST + ":" + CLOUD_LB_ADMIN_PORT),
        "http://" + API_HOST + ":" + CLOUD_LB_ADMIN_PORT + "/healthz"));
    list.add(new Component("dns-server", "io.svclab.dns.DnsServerMain",
        List.of("--api", API_HOST + ":" + API_PORT, "--listen", DNS_HOST + ":" + DNS_PORT, "--bind-address", API_HOST,
            "--admin-port", Integer.toString(DNS_ADMIN_PORT), "--register-endpoint", DNS_HOST),
        List.of("dns " + DNS_HOST + ":" + DNS_PORT + " udp+tcp", "admin http://" + API_HOST + ":" + DNS_ADMIN_PORT),
        "http://" + API_HOST + ":" + DNS_ADMIN_PORT + "/healthz"));
    for (int n = 1; n <= nodes; n++) {
      String ip = nodeIp(n);
      list.add(new Component("node-agent-" + n, "io.svclab.node.NodeAgentMain",
          List.of("--api", API_HOST + ":" + API_PORT, "--node-name", "node-" + n, "--node-ip", ip,
              "--pod-cidr", podCidr(n), "--admin-port", Integer.toString(NODE_AGENT_ADMIN_PORT),
              "--data", dataDir.resolve("nodes").resolve("node-" + n).toString()),
          List.of("node node-" + n + " " + ip + ", pods " + podCidr(n), "admin http://" + ip + ":" + NODE_AGENT_ADMIN_PORT),
          "http://" + ip + ":" + NODE_AGENT_ADMIN_PORT + "/healthz"));
      list.add(new Component("node-proxy-" + n, "io.svclab.proxy.NodeProxyMain",
          List.of("--api", API_HOST + ":" + API_PORT, "--node-name", "node-" + n, "--node-ip", ip,
              "--healthz-port", Integer.toString(NODE_PROXY_HEALTHZ_PORT),
              "--metrics-port", Integer.toString(NODE_PROXY_METRICS_PORT), "--bind-load-balancer-ips", "false",
              "--cluster-cidr", CLUSTER_CIDR),
          List.of("ClusterIPs, NodePorts on " + ip, "healthz http://" + ip + ":" + NODE_PROXY_HEALTHZ_PORT + "/healthz"),
          "http://" + ip + ":" + NODE_PROXY_HEALTHZ_PORT + "/healthz"));
    }
    return list;
  }
}
