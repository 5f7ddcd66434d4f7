package io.svclab.cli.trace;

import io.svclab.cloudlb.balancer.NodeTarget;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.tables.Table;
import io.svclab.cli.trace.AddressMatch.Via;
import io.svclab.cli.trace.Trace.Verdict;
import io.svclab.client.kube.Readiness;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.SnapshotBuilder;
import io.svclab.proxy.userspace.EndpointSelector;
import io.svclab.proxy.userspace.EndpointSelector.Traffic;
import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.userspace.SourceAddressPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a packet to {@code ip:port} goes and why, decided exactly as node-proxy decides: the
 * proxy snapshot is built by node-proxy's own {@link SnapshotBuilder} for the node that
 * handles the packet, candidates come from {@link EndpointSelector#usable}, the source address
 * from {@link SourceAddressPolicy}. Pure: the cluster comes in as a {@link ClusterView}.
 *
 * <p>Order: the Service port owning the address (ClusterIP, NodePort on a node address,
 * LoadBalancer ingress IP, externalIP); else a pod IP (no proxy in the path); else nowhere,
 * with the nearest misses. Which node handles it: the NodePort's node; for a LoadBalancer IP the
 * nodes cloud-lb sends to (Ready ones; with externalTrafficPolicy Local only those whose
 * health check has local endpoints); otherwise the {@code --from} pod's node, {@code --node},
 * or the first node (every node's proxy shares the ClusterIP listeners on this host).
 */
public final class TraceExplainer {
  public static final String DOMAIN = "cluster.local";

  private final Ipv4Prefix clusterCidr;

  /** @param clusterCidr the pod network node-proxy masquerades from (null: none configured) */
  public TraceExplainer(Ipv4Prefix clusterCidr) {
    this.clusterCidr = clusterCidr;
  }

  /** Where the packet starts: the client's address when known (a pod), and the node it enters on. */
  private record Viewpoint(String node, String clientIp, String description, Pod pod) {}

  public Trace explain(ClusterView view, TraceRequest req) {
    Trace.Builder out = new Trace.Builder().add("Address", req.address());
    Viewpoint from;
    if (req.fromPod() != null) {
      String[] nsName = req.fromPod().split("/", 2);
      Optional<Pod> pod = view.pod(nsName[0], nsName[1]);
      if (pod.isEmpty() || pod.get().getSpec().getNodeName().isEmpty()) {
        return out.add("Result", "cannot trace from pod " + req.fromPod() + ": "
            + (pod.isEmpty() ? "no such pod" : "it is not scheduled to a node")).done(Verdict.NOT_FOUND);
      }
      Pod p = pod.get();
      from = new Viewpoint(p.getSpec().getNodeName(), p.getStatus().getPodIp(),
          "pod " + req.fromPod() + " (" + p.getStatus().getPodIp() + ") on " + p.getSpec().getNodeName(), p);
    } else if (req.node() != null) {
      if (view.nodeNamed(req.node()).isEmpty()) {
        return out.add("Result", "cannot trace from node " + req.node() + ": no such node").done(Verdict.NOT_FOUND);
      }
      from = new Viewpoint(req.node(), null, "node " + req.node(), null);
    } else {
      from = new Viewpoint(null, null, "this host", null);
    }
    List<AddressMatch> matches = AddressMatch.find(view, req);
    if (!matches.isEmpty()) return service(view, req, from, matches.get(0), out);
    Optional<Pod> pod = view.podWithIp(req.ip());
    if (pod.isPresent()) return podDirect(view, req, from, pod.get(), out);
    return nowhere(view, req, from, out);
  }

  /**
   * The endpoint addresses worth a TCP connect before explaining (so "targetPort not
   * listening" is measured, not guessed): the matched Service port's Ready or Serving endpoints,
   * or the pod address itself. Empty for UDP.
   */
  public static List<String> probeTargets(ClusterView view, TraceRequest req) {
    if (!req.protocol().equals("TCP")) return List.of();
    List<AddressMatch> matches = AddressMatch.find(view, req);
    if (matches.isEmpty()) {
      return view.podWithIp(req.ip()).map(p -> List.of(req.ip() + ":" + req.port())).orElse(List.of());
    }
    Service svc = matches.get(0).service();
    ServicePort sp = matches.get(0).port();
    return SnapshotBuilder.build(List.of(svc), view.slices(), "").servicePorts().stream()
        .filter(p -> p.name().port().equals(sp.getName()) && p.protocol().equals(AddressMatch.protocol(sp)))
        .flatMap(p -> p.endpoints().stream()).filter(e -> e.ready() || e.serving()).map(Endpoint::address)
        .distinct().toList();
  }

  // ---- through a Service ----

  private Trace service(ClusterView view, TraceRequest req, Viewpoint from, AddressMatch match, Trace.Builder out) {
    Service svc = match.service();
    ServicePort sp = match.port();
    String key = AddressMatch.key(svc);
    String target = sp.getTargetPort().hasName() ? "\"" + sp.getTargetPort().getName() + "\""
        : Integer.toString(sp.getTargetPort().getNumber() == 0 ? sp.getPort() : sp.getTargetPort().getNumber());
    out.add("Service", key + "  (" + AddressMatch.type(svc) + ")  port " + (sp.getName().isEmpty() ? "" : sp.getName() + " ")
        + sp.getPort() + "/" + AddressMatch.protocol(sp) + " -> targetPort " + target);
    out.add("From", from.description());
    Traffic traffic = match.via() == Via.CLUSTER_IP ? Traffic.INTERNAL : Traffic.EXTERNAL;

    // the nodes whose proxy handles the packet
    List<String> proxyNodes = new ArrayList<>();
    List<String> viaLines = new ArrayList<>();
    switch (match.via()) {
      case CLUSTER_IP -> viaLines.add("ClusterIP " + req.ip() + ":" + req.port() + ", handled by "
          + proxyNode(view, from, proxyNodes));
      case EXTERNAL_IP -> viaLines.add("externalIP " + req.ip() + ":" + req.port() + ", handled by "
          + proxyNode(view, from, proxyNodes));
      case NODE_PORT -> {
        String node = match.node().getMetadata().getName();
        proxyNodes.add(node);
        viaLines.add("NodePort " + sp.getNodePort() + " on " + node + " (" + req.ip() + "), handled by " + node + "'s node proxy");
      }
      case LOAD_BALANCER -> viaLines.addAll(balancer(view, svc, sp, req, proxyNodes));
    }
    out.add("Via", viaLines);

    // node-proxy's own view, per handling node
    Map<String, Endpoint> candidates = new LinkedHashMap<>();
    ServicePortInfo info = null;
    for (String node : proxyNodes) {
      ProxySnapshot snapshot = SnapshotBuilder.build(view.services(), view.slices(), node);
      Optional<ServicePortInfo> found = snapshot.servicePorts().stream().filter(p -> p.name().namespace()
          .equals(svc.getMetadata().getNamespace()) && p.name().name().equals(svc.getMetadata().getName())
          && p.name().port().equals(sp.getName()) && p.protocol().equals(AddressMatch.protocol(sp))).findFirst();
      if (found.isEmpty()) {
        String why = snapshot.skipped().stream().filter(s -> s.startsWith(key)).findFirst().orElse("not proxied");
        return out.add("Result", "dropped: " + why).done(Verdict.REFUSED);
      }
      if (info == null || node.equals(from.node())) info = found.get();
      EndpointSelector.usable(found.get(), traffic).forEach(e -> candidates.putIfAbsent(e.address(), e));
    }
    if (info == null) {
      // a LoadBalancer with no node to send to
      return noEndpoints(view, svc, sp, out.add("Result", "connection refused by the load balancer: no node has a"
          + " local endpoint (externalTrafficPolicy Local)"), Verdict.REFUSED);
    }
    boolean local = traffic == Traffic.INTERNAL ? info.internalPolicyLocal() : info.externalPolicyLocal();
    out.add("Policy", policy(info, traffic, proxyNodes, candidates));
    out.add("Affinity", info.clientIpAffinity()
        ? "sessionAffinity ClientIP: a client IP stays on its endpoint for " + info.affinityTimeout().toSeconds()
            + " s after its last connection"
        : "sessionAffinity None: each connection picks a candidate at random");
    out.add("Source", source(info, traffic, from, candidates));
    out.add("Endpoints", endpointTable(view, info, candidates, local, proxyNodes));
    out.add("DNS", dns(svc, sp, match.via(), from));

    if (candidates.isEmpty()) {
      boolean elsewhere = info.endpoints().stream().anyMatch(e -> e.ready() || (e.serving() && e.terminating()));
      if (local && elsewhere) {
        String nodes = info.endpoints().stream().filter(Endpoint::ready).map(Endpoint::nodeName).distinct().sorted()
            .collect(Collectors.joining(", "));
        String policyName = traffic == Traffic.INTERNAL ? "internalTrafficPolicy" : "externalTrafficPolicy";
        out.add("Result", "connection refused: no endpoint on " + String.join(", ", proxyNodes) + " (" + policyName
            + " Local); the endpoints run on " + nodes);
        if (match.via() == Via.NODE_PORT) {
          out.add("Problem", "\u201cNodePort Not Accessible\u201d on " + String.join(", ", proxyNodes)
              + ": externalTrafficPolicy Local only serves NodePort traffic on nodes with a local endpoint");
          out.add("Solution", "send it to a node with a local endpoint: " + nodesWithEndpoints(view, info, sp));
        }
        return out.done(Verdict.REFUSED);
      }
      return noEndpoints(view, svc, sp, out.add("Result", "connection refused: " + key + " has no endpoints"), Verdict.REFUSED);
    }
    List<Endpoint> listening = candidates.values().stream()
        .filter(e -> view.listening().getOrDefault(e.address(), true)).toList();
    String targetNumber = candidates.values().iterator().next().port() + "";
    if (listening.isEmpty()) {
      out.add("Result", "connection refused: nothing listens on targetPort " + targetNumber + " of "
          + (candidates.size() == 1 ? "the endpoint" : "any of the " + candidates.size() + " endpoints"));
      out.add("Problem", "\u201cConnection Refused\u201d: targetPort not listening: the pods are Ready, but the port the"
          + " Service sends to is not the one the container listens on (it declares " + declared(view, candidates) + ")");
      out.add("Check", "curl -v " + candidates.values().iterator().next().address());
      out.add("Solution", "fix the Service's targetPort (or the container's port) so they agree");
      return out.done(Verdict.REFUSED);
    }
    List<String> result = new ArrayList<>(List.of("forwarded to " + (candidates.size() == 1 ? "the only candidate "
        + candidates.keySet().iterator().next() : "one of " + candidates.size() + " candidates")
        + (info.clientIpAffinity() ? " (sticky per client IP)" : " (random)")));
    if (listening.size() < candidates.size()) {
      result.add("warning: " + (candidates.size() - listening.size()) + " candidate(s) refuse connections on targetPort "
          + targetNumber + "; the proxy retries another endpoint (up to 3 tries)");
    }
    String wrongTarget = wrongTargetPort(view, candidates);
    if (wrongTarget != null) result.add("warning: " + wrongTarget);
    return out.add("Result", result).done(Verdict.FORWARDED);
  }

  private static String proxyNode(ClusterView view, Viewpoint from, List<String> proxyNodes) {
    if (from.node() != null) {
      proxyNodes.add(from.node());
      return from.node() + "'s node proxy";
    }
    String first = view.nodes().isEmpty() ? "" : view.nodes().get(0).getMetadata().getName();
    proxyNodes.add(first);
    return first + "'s node proxy (from this host any node's proxy may; --node N to choose)";
  }

  /** cloud-lb: Ready nodes' NodePorts; with externalTrafficPolicy Local only nodes whose health check says 200. */
  private static List<String> balancer(ClusterView view, Service svc, ServicePort sp, TraceRequest req,
      List<String> proxyNodes) {
    List<String> lines = new ArrayList<>(List.of("LoadBalancer IP " + req.ip() + ":" + req.port() + " (cloud-lb) -> NodePort "
        + sp.getNodePort() + " of:" + ("Local".equals(svc.getSpec().getExternalTrafficPolicy()) ? "" : " (Ready nodes, in turn)")));
    boolean local = "Local".equals(svc.getSpec().getExternalTrafficPolicy());
    for (Node node : view.nodes()) {
      String name = node.getMetadata().getName();
      String at = "  " + name + " " + ClusterView.nodeAddress(node) + ":" + sp.getNodePort();
      Optional<String> skipped = NodeTarget.whyNot(node);  // cloud-lb's own choice of hosts
      if (skipped.isPresent()) {
        lines.add(at + "  skipped: " + skipped.get());
        continue;
      }
      if (local) {
        ProxySnapshot.HealthCheck hc = SnapshotBuilder.build(view.services(), view.slices(), name).healthChecks()
            .get(AddressMatch.key(svc));
        int n = hc == null ? 0 : hc.localEndpoints();
        String health = "healthCheckNodePort " + svc.getSpec().getHealthCheckNodePort() + " says " + (n > 0 ? 200 : 503)
            + " (" + n + " local endpoint" + (n == 1 ? "" : "s") + ")";
        lines.add(at + "  " + health + (n > 0 ? "" : ": skipped"));
        if (n > 0) proxyNodes.add(name);
      } else {
        lines.add(at);
        proxyNodes.add(name);
      }
    }
    return lines;
  }

  private static List<String> policy(ServicePortInfo info, Traffic traffic, List<String> nodes,
      Map<String, Endpoint> candidates) {
    List<String> lines = new ArrayList<>();
    if (traffic == Traffic.INTERNAL) {
      lines.add(info.internalPolicyLocal()
          ? "internalTrafficPolicy Local: only endpoints on " + String.join(", ", nodes) + " (never another node)"
          : "internalTrafficPolicy Cluster: Ready endpoints on any node");
    } else {
      lines.add(info.externalPolicyLocal()
          ? "externalTrafficPolicy Local: only endpoints on the receiving node; nodes without one refuse"
          : "externalTrafficPolicy Cluster: Ready endpoints on any node");
    }
    if (!candidates.isEmpty() && candidates.values().stream().noneMatch(Endpoint::ready)) {
      lines.add("no endpoint is Ready: Serving+Terminating ones take the traffic (kube-proxy's fallback)");
    }
    return lines;
  }

  /** What address the pod sees, as node-proxy binds it (node-proxy's SourceAddressPolicy). */
  private String source(ServicePortInfo info, Traffic traffic, Viewpoint from, Map<String, Endpoint> candidates) {
    if (traffic == Traffic.EXTERNAL) {
      return info.externalPolicyLocal() ? "the pod sees the client's own address (externalTrafficPolicy Local)"
          : "the pod sees the node's address: external traffic is masqueraded (externalTrafficPolicy Cluster)";
    }
    if (from.clientIp() != null) {
      String endpointIp = candidates.isEmpty() ? "" : candidates.values().iterator().next().ip();
      boolean hairpin = candidates.size() == 1 && from.clientIp().equals(endpointIp);
      SourceAddressPolicy.Source s = SourceAddressPolicy.decide(traffic, info.externalPolicyLocal(), from.clientIp(),
          endpointIp, clusterCidr);
      if (hairpin) return "the pod sees its node's address (hairpin: it reaches itself through its Service)";
      return s == SourceAddressPolicy.Source.CLIENT ? "the pod sees " + from.clientIp() + ", the client's own address"
          : "the pod sees the node's address (masqueraded)";
    }
    return clusterCidr == null ? "the pod sees the client's own address"
        : "from " + from.description() + " (outside " + clusterCidr + "): the node's address (masqueraded);"
            + " from a pod: the pod's own address";
  }

  private static List<String> endpointTable(ClusterView view, ServicePortInfo info, Map<String, Endpoint> candidates,
      boolean local, List<String> nodes) {
    if (info.endpoints().isEmpty()) return List.of("<none>");
    List<List<String>> rows = new ArrayList<>();
    boolean anyReady = info.endpoints().stream().anyMatch(Endpoint::ready);
    for (Endpoint e : info.endpoints()) {
      String state = e.ready() ? "ready" : e.terminating() ? (e.serving() ? "terminating, serving" : "terminating")
          : "not ready";
      String pod = view.podWithIp(e.ip()).map(p -> p.getMetadata().getName()).orElse("-");
      String used;
      if (candidates.containsKey(e.address())) {
        used = view.listening().getOrDefault(e.address(), true) ? "yes" : "yes, but refuses connections";
      } else if (e.terminating() && !e.serving()) {
        used = "no: terminating, not serving";
      } else if (!e.ready() && !(e.serving() && e.terminating())) {
        used = "no: not ready";
      } else if (!e.ready() && anyReady) {
        used = "no: Ready endpoints exist";
      } else if (local && !nodes.contains(e.nodeName())) {
        used = "no: not on " + String.join(", ", nodes);
      } else {
        used = "no";
      }
      rows.add(List.of(e.address(), state, e.nodeName().isEmpty() ? "-" : e.nodeName(), pod, used));
    }
    return List.of(new Table(List.of("ENDPOINT", "STATE", "NODE", "POD", "CANDIDATE"), rows).render().split("\n"));
  }

  private static List<String> dns(Service svc, ServicePort sp, Via via, Viewpoint from) {
    String ns = svc.getMetadata().getNamespace();
    String name = svc.getMetadata().getName();
    String fqdn = name + "." + ns + ".svc." + DOMAIN;
    String clusterIp = svc.getSpec().getClusterIp();
    if (via != Via.CLUSTER_IP) {
      return List.of("none leads here: " + fqdn + " resolves to the ClusterIP " + clusterIp + ", not to this address");
    }
    List<String> lines = new ArrayList<>(List.of(fqdn + " -> " + clusterIp + " (A)"));
    if (!sp.getName().isEmpty()) {
      lines.add("_" + sp.getName() + "._" + AddressMatch.protocol(sp).toLowerCase() + "." + fqdn + " -> " + sp.getPort()
          + " " + fqdn + " (SRV)");
    }
    boolean sameNamespace = from.pod() != null && from.pod().getMetadata().getNamespace().equals(ns);
    lines.add(sameNamespace ? "from pods in " + ns + " also: " + name + ", " + name + "." + ns
        : "short names: " + name + " (from pods in " + ns + "), " + name + "." + ns + " (from any namespace)");
    return lines;
  }

  private static String nodesWithEndpoints(ClusterView view, ServicePortInfo info, ServicePort sp) {
    return info.endpoints().stream().filter(Endpoint::ready).map(Endpoint::nodeName).distinct().sorted()
        .map(n -> view.nodeNamed(n).map(ClusterView::nodeAddress).orElse(n) + ":" + sp.getNodePort())
        .collect(Collectors.joining(", "));
  }

  private static String declared(ClusterView view, Map<String, Endpoint> candidates) {
    return candidates.values().stream().map(e -> view.podWithIp(e.ip()).map(NoEndpointsDiagnosis::declaredPorts).orElse("?"))
        .distinct().collect(Collectors.joining("; "));
  }

  /** The endpoints' port is no declared containerPort of their pods (while they declare some). */
  private static String wrongTargetPort(ClusterView view, Map<String, Endpoint> candidates) {
    for (Endpoint e : candidates.values()) {
      Optional<Pod> pod = view.podWithIp(e.ip());
      if (pod.isEmpty()) continue;
      List<Integer> ports = pod.get().getSpec().getContainersList().stream().flatMap(c -> c.getPortsList().stream())
          .map(cp -> cp.getContainerPort()).toList();
      if (!ports.isEmpty() && !ports.contains(e.port())) {
        return "wrong targetPort? " + e.port() + " is not a declared containerPort of pod " + pod.get().getMetadata().getName()
            + " (it declares " + NoEndpointsDiagnosis.declaredPorts(pod.get()) + ")";
      }
    }
    return null;
  }

  private static Trace noEndpoints(ClusterView view, Service svc, ServicePort sp, Trace.Builder out, Verdict verdict) {
    NoEndpointsDiagnosis d = NoEndpointsDiagnosis.of(view, svc, sp);
    return out.add("Problem", d.problem()).add("Check", d.check()).add("Solution", d.solution()).done(verdict);
  }

  // ---- straight to a pod ----

  private static Trace podDirect(ClusterView view, TraceRequest req, Viewpoint from, Pod pod, Trace.Builder out) {
    String ns = pod.getMetadata().getNamespace();
    out.add("Pod", ns + "/" + pod.getMetadata().getName() + " on " + pod.getSpec().getNodeName() + " ("
        + (pod.getStatus().getPhase().isEmpty() ? "Pending" : pod.getStatus().getPhase()) + (Readiness.isReady(pod) ? ", Ready)" : ", not Ready)"));
    out.add("From", from.description());
    out.add("Via", "a pod IP: no Service and no proxy in the path, so no load balancing, policy or affinity");
    Optional<String> declared = pod.getSpec().getContainersList().stream().flatMap(c -> c.getPortsList().stream()
        .filter(cp -> cp.getContainerPort() == req.port()).map(cp -> "containerPort " + NoEndpointsDiagnosis.containerPort(cp)
            + " of container " + c.getName())).findFirst();
    out.add("Port", declared.orElse(req.port() + " is not a declared containerPort (the pod declares "
        + NoEndpointsDiagnosis.declaredPorts(pod) + ")"));
    List<String> services = new ArrayList<>();
    for (Service svc : view.services()) {
      if (!svc.getMetadata().getNamespace().equals(ns) || svc.getSpec().getSelectorMap().isEmpty()
          || !NoEndpointsDiagnosis.selects(svc.getSpec().getSelectorMap(), pod)) continue;
      services.add(AddressMatch.key(svc) + " (" + AddressMatch.type(svc) + " " + svc.getSpec().getClusterIp() + ")");
    }
    out.add("Services", services.isEmpty() ? List.of("<none select this pod>") : services);
    out.add("DNS", req.ip().replace('.', '-') + "." + ns + ".pod." + DOMAIN + " -> " + req.ip() + " (A)");
    if (!view.listening().getOrDefault(req.ip() + ":" + req.port(), true)) {
      out.add("Result", "connection refused: nothing listens on " + req.ip() + ":" + req.port());
      return out.done(Verdict.REFUSED);
    }
    return out.add("Result", "delivered straight to pod " + ns + "/" + pod.getMetadata().getName()).done(Verdict.DIRECT);
  }

  // ---- nowhere ----

  private static Trace nowhere(ClusterView view, TraceRequest req, Viewpoint from, Trace.Builder out) {
    out.add("From", from.description());
    List<String> problem = new ArrayList<>(List.of("\u201cService Not Found\u201d: no Service owns " + req.address()
        + " (as ClusterIP, NodePort, LoadBalancer IP or externalIP), and no pod has " + req.ip()));
    problem.addAll(AddressMatch.nearMisses(view, req));
    for (Service svc : view.services()) {
      if (AddressMatch.type(svc).equals("LoadBalancer") && AddressMatch.ingressIps(svc).isEmpty()) {
        problem.add("\u201cLoadBalancer Pending\u201d: " + AddressMatch.key(svc) + " has no external IP yet (EXTERNAL-IP <pending>)");
      }
    }
    return out.add("Result", "goes nowhere: connection refused (or times out) at " + req.ip() + ":" + req.port())
        .add("Problem", problem)
        .add("Check", "kubectl get svc -A   (./lab get svc -A)")
        .add("Solution", "Check namespace, verify service exists")
        .done(Verdict.NOT_FOUND);
  }
}
