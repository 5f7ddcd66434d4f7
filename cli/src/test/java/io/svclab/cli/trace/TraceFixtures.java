package io.svclab.cli.trace;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.LoadBalancerStatus;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.api.v1.ServiceStatus;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A small two-node cluster with one Service per situation a trace must explain. */
final class TraceFixtures {
  private TraceFixtures() {}

  static Node node(int n) {
    return Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-" + n))
        .setStatus(NodeStatus.newBuilder().addAddresses(NodeAddress.newBuilder().setType("InternalIP").setAddress("127.0.10." + n))
            .addConditions(NodeCondition.newBuilder().setType("Ready").setStatus("True"))).build();
  }

  static Pod pod(String ns, String name, String app, int node, String ip, boolean ready) {
    return Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace(ns).setName(name).putLabels("app", app))
        .setSpec(PodSpec.newBuilder().setNodeName("node-" + node).addContainers(Container.newBuilder().setName("main")
            .addPorts(ContainerPort.newBuilder().setName("http").setContainerPort(80).setProtocol("TCP"))))
        .setStatus(PodStatus.newBuilder().setPhase("Running").setPodIp(ip)
            .addConditions(PodCondition.newBuilder().setType("Ready").setStatus(ready ? "True" : "False")
                .setMessage(ready ? "" : "containers with unready status: [main]"))).build();
  }

  static Service svc(String name, String clusterIp, String app, UnaryOperator<ServiceSpec.Builder> spec,
      UnaryOperator<ServicePort.Builder> port) {
    ServiceSpec.Builder s = ServiceSpec.newBuilder().setType("ClusterIP").setClusterIp(clusterIp).setSessionAffinity("None")
        .addPorts(port.apply(ServicePort.newBuilder().setPort(80).setProtocol("TCP")
            .setTargetPort(IntOrString.newBuilder().setNumber(80))));
    if (app != null) s.putSelector("app", app);
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(name))
        .setSpec(spec.apply(s)).build();
  }

  static Service lb(Service svc, String ip) {
    return svc.toBuilder().setStatus(ServiceStatus.newBuilder().setLoadBalancer(LoadBalancerStatus.newBuilder()
        .addIngress(LoadBalancerIngress.newBuilder().setIp(ip).setIpMode("VIP")))).build();
  }

  /** "r": ready, "s": serving, "t": terminating. */
  static Endpoint ep(String ip, int node, String conditions) {
    return Endpoint.newBuilder().addAddresses(ip).setNodeName("node-" + node).setConditions(EndpointConditions.newBuilder()
        .setReady(conditions.contains("r")).setServing(conditions.contains("s")).setTerminating(conditions.contains("t")))
        .build();
  }

  static EndpointSlice slice(String service, String portName, int port, Endpoint... endpoints) {
    return EndpointSlice.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(service + "-abcde")
        .putLabels("kubernetes.io/service-name", service)).setAddressType("IPv4")
        .addPorts(EndpointSlicePort.newBuilder().setName(portName).setProtocol("TCP").setPort(port))
        .addAllEndpoints(List.of(endpoints)).build();
  }

  static final Endpoint WEB1 = ep("127.244.1.2", 1, "rs");
  static final Endpoint WEB2 = ep("127.244.2.2", 2, "rs");
  static final Endpoint SOLO = ep("127.244.1.3", 1, "rs");

  static ClusterView cluster() {
    List<Service> services = List.of(
        svc("web", "127.96.0.20", "web", s -> s, p -> p.setName("http")),
        svc("web-np", "127.96.0.21", "web", s -> s.setType("NodePort").setExternalTrafficPolicy("Cluster"),
            p -> p.setNodePort(30080)),
        lb(svc("local-lb", "127.96.0.22", "solo", s -> s.setType("LoadBalancer").setExternalTrafficPolicy("Local")
            .setHealthCheckNodePort(32000), p -> p.setNodePort(31000)), "127.100.0.1"),
        svc("local-np", "127.96.0.23", "solo", s -> s.setType("NodePort").setExternalTrafficPolicy("Local"),
            p -> p.setNodePort(30001)),
        svc("web-ext", "127.96.0.24", "web", s -> s.addExternalIps("192.0.2.10"), p -> p),
        svc("typo", "127.96.0.30", "wbe", s -> s, p -> p),
        svc("backend", "127.96.0.31", "backend", s -> s, p -> p),
        svc("slow", "127.96.0.32", "slow", s -> s, p -> p),
        svc("wrongport", "127.96.0.33", "web", s -> s, p -> p.setTargetPort(IntOrString.newBuilder().setNumber(8080))),
        svc("itp", "127.96.0.34", "solo", s -> s.setInternalTrafficPolicy("Local"), p -> p),
        svc("sticky", "127.96.0.35", "web", s -> s.setSessionAffinity("ClientIP"), p -> p),
        svc("drain", "127.96.0.36", "drain", s -> s, p -> p),
        svc("pending-lb", "127.96.0.37", "web", s -> s.setType("LoadBalancer"), p -> p.setNodePort(31500)),
        svc("manual", "127.96.0.38", null, s -> s, p -> p));
    List<EndpointSlice> slices = List.of(
        slice("web", "http", 80, WEB1, WEB2),
        slice("web-np", "", 80, WEB1, WEB2),
        slice("local-lb", "", 80, SOLO),
        slice("local-np", "", 80, SOLO),
        slice("web-ext", "", 80, WEB1, WEB2),
        slice("slow", "", 80, ep("127.244.2.7", 2, "")),
        slice("wrongport", "", 8080, ep("127.244.1.2", 1, "rs"), ep("127.244.2.2", 2, "rs")),
        slice("itp", "", 80, SOLO),
        slice("sticky", "", 80, WEB1, WEB2),
        slice("drain", "", 80, ep("127.244.2.8", 2, "st"), ep("127.244.1.8", 1, "t")),
        slice("pending-lb", "", 80, WEB1, WEB2));
    List<Pod> pods = List.of(
        pod("default", "web-1", "web", 1, "127.244.1.2", true),
        pod("default", "web-2", "web", 2, "127.244.2.2", true),
        pod("default", "solo-1", "solo", 1, "127.244.1.3", true),
        pod("default", "client", "client", 1, "127.244.1.9", true),
        pod("default", "slow-1", "slow", 2, "127.244.2.7", false),
        pod("service-demo", "backend-1", "backend", 2, "127.244.2.5", true));
    return new ClusterView(services, slices, pods, List.of(node(2), node(1)),
        Map.of("127.244.1.2:8080", false, "127.244.2.2:8080", false));
  }
}
