package io.svclab.cli.topology;

import io.svclab.cli.netns.LabNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's processes and their addresses (ARCHITECTURE.md, Addresses: the local column). The single list both
 * {@code ./lab up} and the compose file are checked against.
 */
public final class LabTopology {
  public static final String API_HOST = "127.0.0.1";
  public static final int API_PORT = 6443;
  public static final int API_ADMIN_PORT = 6080;
  /** The Kubernetes-compatible HTTPS API kubectl talks to (the apiserver writes {@code <data>/kubeconfig} for it). */
  public static final int API_REST_PORT = 6444;
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
  /** Debian's etcd-server package ({@code ./lab up --etcd}). */
  public static final String ETCD_EXECUTABLE = "/usr/bin/etcd";

  /** Node N's address (127.0.10.N) and pod CIDR (127.244.N.0/24). */
  public static String nodeIp(int n) {
    return "127.0.10." + n;
  }

  public static String podCidr(int n) {
    return "127.244." + n + ".0/24";
  }

  private LabTopology() {}

  public static List<Component> components(Path dataDir, int nodes) {
    return components(dataDir, nodes, LabAddresses.local());
  }

  /** {@code ./lab up --etcd [--apiservers N]}: the etcd members and apiservers of {@code plan}, then the rest. */
  public static List<Component> components(Path dataDir, int nodes, ControlPlanePlan plan) {
    return components(dataDir, nodes, LabAddresses.local(), null, null, plan);
  }

  /** The same processes with another flavour's addresses (the container lab's, for the compose file). */
  public static List<Component> components(Path dataDir, int nodes, LabAddresses a) {
    return components(dataDir, nodes, a, null, null, ControlPlanePlan.single());
  }

  /**
   * {@code ./lab up --netns}: the control plane as in the local lab (with the kernel lab's Service
   * range), node N's agent and proxy in namespace {@code net.node(N)}, reaching the apiserver over
   * its Unix socket, pods in namespaces of their own and kube-proxy's {@code proxyMode} (iptables, nftables).
   */
  /**
   * The kernel lab's DNS server runs as CoreDNS would with host networking on node 1: in node 1's
   * namespace on its address (kube-dns's endpoint), so pods on every node reach it through the
   * kube-dns ClusterIP by the kernel path; it reaches the apiserver over the socket file.
   */
  static Component kernelDns(Path dataDir, LabNetwork net) {
    String ip = net.nodeIp(DNS_NODE);
    String listen = ip + ":" + DNS_PORT;
    return new Component("dns-server", "io.svclab.dns.DnsServerMain",
        List.of("--api", "unix:" + dataDir.resolve("apiserver.sock"), "--listen", listen, "--bind-address", ip,
            "--admin-port", Integer.toString(DNS_ADMIN_PORT), "--register-endpoint", ip),
        List.of("dns " + listen + " udp+tcp (netns " + net.node(DNS_NODE) + ")", "admin http://" + ip + ":" + DNS_ADMIN_PORT),
        "http://" + ip + ":" + DNS_ADMIN_PORT + "/healthz", net.node(DNS_NODE));
  }

  /** The node whose namespace the kernel lab's DNS server shares (CoreDNS's hostNetwork pod). */
  public static final int DNS_NODE = 1;

  public static List<Component> kernelComponents(Path dataDir, LabNetwork net, String proxyMode) {
    return kernelComponents(dataDir, net, proxyMode, ControlPlanePlan.single());
  }

  public static List<Component> kernelComponents(Path dataDir, LabNetwork net, String proxyMode, ControlPlanePlan plan) {
    return components(dataDir, net.nodes(), LabAddresses.kernel(), net, proxyMode, plan);
  }

  private static List<Component> components(Path dataDir, int nodes, LabAddresses a, LabNetwork net, String proxyMode,
      ControlPlanePlan plan) {
    // the container lab names its one apiserver; the local labs list every apiserver of the plan
    String api = plan.apiservers() > 1 ? plan.apiTargets() : a.apiTarget();
    String health = a.healthHost();
    List<Component> list = new ArrayList<>();
    for (ControlPlanePlan.EtcdMember m : plan.members()) {
      list.add(Component.dependency(m.name(), ETCD_EXECUTABLE, plan.etcdArgs(m, dataDir),
          List.of("etcd client " + m.clientUrl() + ", peer " + m.peerUrl()), m.clientUrl() + "/health"));
    }
    for (ControlPlanePlan.ApiServerInstance s : plan.apiServers()) {
      List<String> apiArgs = new ArrayList<>(List.of("--data", s.dataDir(dataDir).toString(), "--bind-address", a.apiBind(),
          "--advertise-address", a.apiAdvertise(),
          "--port", Integer.toString(s.grpcPort()), "--admin-port", Integer.toString(s.adminPort()),
          "--rest-port", Integer.toString(s.restPort()), "--service-cluster-ip-range", a.serviceCidr()));
      if (a.unixSocket()) {
        apiArgs.addAll(List.of("--unix-socket", s.socket(dataDir).toString()));
      }
      if (plan.etcd()) {
        apiArgs.addAll(List.of("--storage", plan.storage(dataDir)));
      }
      list.add(new Component(s.name(), "io.svclab.apiserver.ApiServerMain", apiArgs,
          List.of("grpc " + a.apiBind() + ":" + s.grpcPort(), "kubectl https://" + a.apiBind() + ":" + s.restPort(),
              "admin http://" + a.adminBind() + ":" + s.adminPort()),
          "http://" + health + ":" + s.adminPort() + "/healthz"));
    }
    list.add(new Component("endpoints-controller", "io.svclab.endpoints.EndpointsControllerMain",
        List.of("--api", api, "--bind-address", a.adminBind(),
            "--admin-port", Integer.toString(ENDPOINTS_CONTROLLER_ADMIN_PORT)),
        List.of("admin http://" + a.adminBind() + ":" + ENDPOINTS_CONTROLLER_ADMIN_PORT),
        "http://" + health + ":" + ENDPOINTS_CONTROLLER_ADMIN_PORT + "/healthz"));
    list.add(new Component("workload-controller", "io.svclab.workload.WorkloadControllerMain",
        List.of("--api", api, "--bind-address", a.adminBind(),
            "--admin-port", Integer.toString(WORKLOAD_CONTROLLER_ADMIN_PORT)),
        List.of("admin http://" + a.adminBind() + ":" + WORKLOAD_CONTROLLER_ADMIN_PORT),
        "http://" + health + ":" + WORKLOAD_CONTROLLER_ADMIN_PORT + "/healthz"));
    // with --netns the cloud is the fabric's namespace: cloud-lb reaches the nodes there and the
    // apiserver through the socket file, as the node processes do
    String cloudApi = net == null ? api : "unix:" + dataDir.resolve("apiserver.sock");
    String cloudWhere = net == null ? "" : " (netns " + net.fabric() + ")";
    list.add(new Component("cloud-lb", "io.svclab.cloudlb.CloudLbMain",
        List.of("--api", cloudApi, "--pool", a.lbPool(), "--bind-address", a.adminBind(),
            "--admin-port", Integer.toString(CLOUD_LB_ADMIN_PORT)),
        List.of("LoadBalancer IPs from " + a.lbPool() + cloudWhere, "admin http://" + a.adminBind() + ":" + CLOUD_LB_ADMIN_PORT),
        "http://" + health + ":" + CLOUD_LB_ADMIN_PORT + "/healthz", net == null ? null : net.fabric()));
    if (net == null) {
      list.add(new Component("dns-server", "io.svclab.dns.DnsServerMain",
          List.of("--api", api, "--listen", a.dnsListen(), "--bind-address", a.adminBind(),
              "--admin-port", Integer.toString(DNS_ADMIN_PORT), "--register-endpoint", a.dnsEndpoint()),
          List.of("dns " + a.dnsListen() + " udp+tcp", "admin http://" + a.adminBind() + ":" + DNS_ADMIN_PORT),
          "http://" + health + ":" + DNS_ADMIN_PORT + "/healthz"));
    } else {
      list.add(kernelDns(dataDir, net));
    }
    for (int n = 1; n <= nodes; n++) {
      String ip = net == null ? a.nodeIp(n) : net.nodeIp(n);
      String podCidr = net == null ? a.podCidr(n) : net.podCidr(n);
      String netns = net == null ? null : net.node(n);
      // a node in a namespace of its own reaches the apiserver through the socket file, as no address leads out
      String nodeApi = net == null ? api : "unix:" + dataDir.resolve("apiserver.sock");
      List<String> agentArgs = new ArrayList<>(List.of("--api", nodeApi, "--node-name", "node-" + n, "--node-ip", ip,
          "--pod-cidr", podCidr, "--admin-port", Integer.toString(NODE_AGENT_ADMIN_PORT),
          "--data", dataDir.resolve("nodes").resolve("node-" + n).toString(),
          "--component-logs", dataDir.resolve("logs").toString()));
      List<String> proxyArgs = new ArrayList<>(List.of("--api", nodeApi, "--node-name", "node-" + n, "--node-ip", ip,
          "--healthz-port", Integer.toString(NODE_PROXY_HEALTHZ_PORT),
          "--metrics-port", Integer.toString(NODE_PROXY_METRICS_PORT),
          // on loopback cloud-lb's listeners take LB IPs; in the kernel lab the nodes do (ipMode VIP)
          "--bind-load-balancer-ips", Boolean.toString(net != null),
          "--cluster-cidr", a.clusterCidr()));
      if (net != null) {
        agentArgs.addAll(List.of("--pod-network", "netns", "--pod-netns-prefix", net.podPrefix(n),
            // the apiserver has no route to the node's address: it dials this file for logs, exec, port-forward
            "--kubelet-socket", dataDir.resolve("kubelet-node-" + n + ".sock").toString()));
        proxyArgs.addAll(List.of("--proxy-mode", proxyMode));
      }
      String where = net == null ? "" : " (netns " + netns + ")";
      list.add(new Component("node-agent-" + n, "io.svclab.node.NodeAgentMain", agentArgs,
          List.of("node node-" + n + " " + ip + where + ", pods " + podCidr, "admin http://" + ip + ":" + NODE_AGENT_ADMIN_PORT),
          "http://" + ip + ":" + NODE_AGENT_ADMIN_PORT + "/healthz", netns));
      list.add(new Component("node-proxy-" + n, "io.svclab.proxy.NodeProxyMain", proxyArgs,
          List.of((net == null || proxyMode.equals("userspace") ? "ClusterIPs, NodePorts on "
              : proxyMode + " rules for ClusterIPs, NodePorts on ") + ip + where,
              "healthz http://" + ip + ":" + NODE_PROXY_HEALTHZ_PORT + "/healthz"),
          "http://" + ip + ":" + NODE_PROXY_HEALTHZ_PORT + "/healthz", netns));
    }
    return list;
  }
}
