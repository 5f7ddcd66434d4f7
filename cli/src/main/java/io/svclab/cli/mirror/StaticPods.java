package io.svclab.cli.mirror;

import io.svclab.cli.netns.LabNetwork;
import io.svclab.cli.topology.LabTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lab's processes as the pods kind shows in {@code kube-system}: kube-apiserver,
 * kube-controller-manager (endpoints-controller and workload-controller are two of them here),
 * cloud-controller-manager (cloud-lb), coredns (dns-server, {@code k8s-app=kube-dns}) and one
 * kube-proxy per node. node-agent plays the kubelet, which is no pod in Kubernetes either.
 */
public final class StaticPods {
  private StaticPods() {}

  /** The name kubeadm gives the host of control-plane static pods; here it is no Node. */
  public static final String CONTROL_PLANE_HOST = "control-plane";
  static final String KUBE_VERSION = "v1.32.0-svclab";
  static final String COREDNS_VERSION = "v1.11.3-svclab";

  public static List<StaticPod> of(int nodes) {
    return of(nodes, null);
  }

  /**
   * With {@code net} ({@code ./lab up --netns}): kube-proxy pods on their nodes' fabric addresses,
   * and coredns on node {@link LabTopology#DNS_NODE}'s, where the kernel lab runs the DNS server.
   */
  public static List<StaticPod> of(int nodes, LabNetwork net) {
    String host = LabTopology.API_HOST;
    String dnsNode = net == null ? "" : "node-" + LabTopology.DNS_NODE;
    String dnsIp = net == null ? LabTopology.DNS_HOST : net.nodeIp(LabTopology.DNS_NODE);
    List<StaticPod> pods = new ArrayList<>();
    pods.add(controlPlane("apiserver", "kube-apiserver", host,
        List.of(new StaticPod.Port("https", LabTopology.API_PORT, "TCP"),
            new StaticPod.Port("kubectl", LabTopology.API_REST_PORT, "TCP"),
            new StaticPod.Port("probe-port", LabTopology.API_ADMIN_PORT, "TCP"))));
    pods.add(controllerManager("endpoints-controller", "endpoints", LabTopology.ENDPOINTS_CONTROLLER_ADMIN_PORT));
    pods.add(controllerManager("workload-controller", "workload", LabTopology.WORKLOAD_CONTROLLER_ADMIN_PORT));
    pods.add(controlPlane("cloud-lb", "cloud-controller-manager", host,
        List.of(new StaticPod.Port("probe-port", LabTopology.CLOUD_LB_ADMIN_PORT, "TCP"))));
    // the kube-dns Service's targetPorts are these names: its endpoints are the DNS server's :1053
    pods.add(new StaticPod("dns-server", "coredns-" + CONTROL_PLANE_HOST, "coredns",
        "registry.k8s.io/coredns/coredns:" + COREDNS_VERSION, Map.of("k8s-app", "kube-dns"), dnsNode, dnsIp,
        List.of(new StaticPod.Port("dns", LabTopology.DNS_PORT, "UDP"),
            new StaticPod.Port("dns-tcp", LabTopology.DNS_PORT, "TCP"),
            new StaticPod.Port("metrics", LabTopology.DNS_ADMIN_PORT, "TCP"))));
    for (int n = 1; n <= nodes; n++) {
      pods.add(new StaticPod("node-proxy-" + n, "kube-proxy-node-" + n, "kube-proxy",
          "registry.k8s.io/kube-proxy:" + KUBE_VERSION, Map.of("k8s-app", "kube-proxy"), "node-" + n,
          net == null ? LabTopology.nodeIp(n) : net.nodeIp(n), List.of(new StaticPod.Port("healthz", LabTopology.NODE_PROXY_HEALTHZ_PORT, "TCP"),
              new StaticPod.Port("metrics", LabTopology.NODE_PROXY_METRICS_PORT, "TCP"))));
    }
    return pods;
  }

  private static StaticPod controlPlane(String component, String kubeName, String host, List<StaticPod.Port> ports) {
    return new StaticPod(component, kubeName + "-" + CONTROL_PLANE_HOST, kubeName,
        "registry.k8s.io/" + kubeName + ":" + KUBE_VERSION, Map.of("component", kubeName, "tier", "control-plane"), "",
        host, ports);
  }

  /** Two processes share kube-controller-manager's labels; their names say which is which. */
  private static StaticPod controllerManager(String component, String part, int adminPort) {
    return new StaticPod(component, "kube-controller-manager-" + part + "-" + CONTROL_PLANE_HOST,
        "kube-controller-manager", "registry.k8s.io/kube-controller-manager:" + KUBE_VERSION,
        Map.of("component", "kube-controller-manager", "tier", "control-plane"), "", LabTopology.API_HOST,
        List.of(new StaticPod.Port("probe-port", adminPort, "TCP")));
  }
}
