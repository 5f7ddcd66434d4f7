package io.svclab.client.tables;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.selection.LabelSelectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** kubectl's default columns for each kind, as pure functions of the objects and the clock. */
public final class KubectlTables {
  private KubectlTables() {}

  static String age(Timestamp t, Instant now) {
    return t.getSeconds() == 0 ? "<unknown>" : HumanDuration.of(Duration.between(Instant.ofEpochSecond(t.getSeconds()), now));
  }

  @SuppressWarnings("unchecked")
  public static Table table(ResourceKind<?> kind, List<? extends Message> items, boolean wide, Instant now) {
    if (kind == ResourceKinds.SERVICES) {
      return services((List<Service>) items, wide, now);
    }
    if (kind == ResourceKinds.PODS) {
      return pods((List<Pod>) items, wide, now);
    }
    if (kind == ResourceKinds.ENDPOINTS) {
      return endpoints((List<EndpointsObject>) items, now);
    }
    if (kind == ResourceKinds.ENDPOINT_SLICES) {
      return slices((List<EndpointSlice>) items, now);
    }
    if (kind == ResourceKinds.DEPLOYMENTS) {
      return deployments((List<Deployment>) items, wide, now);
    }
    if (kind == ResourceKinds.REPLICA_SETS) {
      return replicaSets((List<ReplicaSet>) items, wide, now);
    }
    if (kind == ResourceKinds.LEASES) {
      List<List<String>> rows = new ArrayList<>();
      for (Lease l : (List<Lease>) items) {
        rows.add(List.of(l.getMetadata().getName(), l.getSpec().getHolderIdentity(),
            age(l.getMetadata().getCreationTimestamp(), now)));
      }
      return new Table(List.of("NAME", "HOLDER", "AGE"), rows);
    }
    if (kind == ResourceKinds.NODES) {
      return nodes((List<Node>) items, wide, now);
    }
    if (kind == ResourceKinds.EVENTS) {
      return events((List<Event>) items, now);
    }
    if (kind == ResourceKinds.NAMESPACES) {
      List<List<String>> rows = new ArrayList<>();
      for (Namespace n : (List<Namespace>) items) {
        rows.add(List.of(n.getMetadata().getName(), n.getStatus().getPhase(), age(n.getMetadata().getCreationTimestamp(), now)));
      }
      return new Table(List.of("NAME", "STATUS", "AGE"), rows);
    }
    List<List<String>> rows = new ArrayList<>();
    for (Message m : items) {
      @SuppressWarnings("rawtypes")
      ResourceKind k = kind;
      io.svclab.api.v1.ObjectMeta meta = (io.svclab.api.v1.ObjectMeta) k.meta(m);
      rows.add(List.of(meta.getName(), age(meta.getCreationTimestamp(), now)));
    }
    return new Table(List.of("NAME", "AGE"), rows);
  }

  /** {@code 80/TCP} or {@code 80:30080/TCP}, comma-joined. */
  public static String ports(Service s) {
    List<String> out = new ArrayList<>();
    for (ServicePort p : s.getSpec().getPortsList()) {
      out.add(p.getPort() + (p.getNodePort() != 0 ? ":" + p.getNodePort() : "") + "/" + p.getProtocol());
    }
    return out.isEmpty() ? "<none>" : String.join(",", out);
  }

  public static String externalIp(Service s) {
    switch (s.getSpec().getType()) {
      case "ExternalName":
        return s.getSpec().getExternalName();
      case "LoadBalancer": {
        List<String> ips = new ArrayList<>(s.getSpec().getExternalIpsList());
        for (LoadBalancerIngress i : s.getStatus().getLoadBalancer().getIngressList()) {
          ips.add(i.getIp().isEmpty() ? i.getHostname() : i.getIp());
        }
        return ips.isEmpty() ? "<pending>" : String.join(",", ips);
      }
      default:
        return s.getSpec().getExternalIpsCount() == 0 ? "<none>" : String.join(",", s.getSpec().getExternalIpsList());
    }
  }

  static Table services(List<Service> items, boolean wide, Instant now) {
    List<String> headers = new ArrayList<>(List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"));
    if (wide) {
      headers.add("SELECTOR");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Service s : items) {
      List<String> row = new ArrayList<>(List.of(s.getMetadata().getName(), s.getSpec().getType(),
          s.getSpec().getClusterIp().isEmpty() ? "<none>" : s.getSpec().getClusterIp(), externalIp(s), ports(s),
          age(s.getMetadata().getCreationTimestamp(), now)));
      if (wide) {
        List<String> sel = new ArrayList<>();
        new java.util.TreeMap<>(s.getSpec().getSelectorMap()).forEach((k, v) -> sel.add(k + "=" + v));
        row.add(sel.isEmpty() ? "<none>" : String.join(",", sel));
      }
      rows.add(row);
    }
    return new Table(headers, rows);
  }

  /** kubectl's STATUS: the waiting/terminated reason of a container if any, Terminating, else the phase. */
  public static String podStatus(Pod p) {
    if (p.getMetadata().hasDeletionTimestamp()) {
      return "Terminating";
    }
    String reason = p.getStatus().getReason().isEmpty() ? p.getStatus().getPhase() : p.getStatus().getReason();
    for (ContainerStatus c : p.getStatus().getContainerStatusesList()) {
      if (c.getState().hasWaiting() && !c.getState().getWaiting().getReason().isEmpty()) {
        reason = c.getState().getWaiting().getReason();
      } else if (c.getState().hasTerminated() && !c.getState().getTerminated().getReason().isEmpty()) {
        reason = c.getState().getTerminated().getReason();
      }
    }
    return reason;
  }

  static Table pods(List<Pod> items, boolean wide, Instant now) {
    List<String> headers = new ArrayList<>(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
    if (wide) {
      headers.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Pod p : items) {
      int total = p.getSpec().getContainersCount();
      long ready = p.getStatus().getContainerStatusesList().stream().filter(ContainerStatus::getReady).count();
      int restarts = p.getStatus().getContainerStatusesList().stream().mapToInt(ContainerStatus::getRestartCount).sum();
      List<String> row = new ArrayList<>(List.of(p.getMetadata().getName(), ready + "/" + total, podStatus(p),
          Integer.toString(restarts), age(p.getMetadata().getCreationTimestamp(), now)));
      if (wide) {
        row.addAll(List.of(p.getStatus().getPodIp().isEmpty() ? "<none>" : p.getStatus().getPodIp(),
            p.getSpec().getNodeName().isEmpty() ? "<none>" : p.getSpec().getNodeName(), "<none>", "<none>"));
      }
      rows.add(row);
    }
    return new Table(headers, rows);
  }

  /** {@code 10.244.0.5:80,10.244.0.6:80}, kubectl's three-then-"+ N more..." form, or {@code <none>}. */
  public static String endpointList(EndpointsObject e) {
    List<String> all = new ArrayList<>();
    for (EndpointSubset s : e.getSubsetsList()) {
      for (EndpointAddress a : s.getAddressesList()) {
        if (s.getPortsCount() == 0) {
          all.add(a.getIp());
        }
        for (EndpointPort port : s.getPortsList()) {
          all.add(a.getIp() + ":" + port.getPort());
        }
      }
    }
    if (all.isEmpty()) {
      return "<none>";
    }
    if (all.size() > 3) {
      return String.join(",", all.subList(0, 3)) + " + " + (all.size() - 3) + " more...";
    }
    return String.join(",", all);
  }

  static Table endpoints(List<EndpointsObject> items, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    for (EndpointsObject e : items) {
      rows.add(List.of(e.getMetadata().getName(), endpointList(e), age(e.getMetadata().getCreationTimestamp(), now)));
    }
    return new Table(List.of("NAME", "ENDPOINTS", "AGE"), rows);
  }

  static Table slices(List<EndpointSlice> items, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    for (EndpointSlice s : items) {
      List<String> ports = new ArrayList<>();
      s.getPortsList().forEach(p -> ports.add(Integer.toString(p.getPort())));
      List<String> addrs = new ArrayList<>();
      s.getEndpointsList().forEach(e -> addrs.addAll(e.getAddressesList()));
      String endpoints = addrs.isEmpty() ? "<none>"
          : addrs.size() > 3 ? String.join(",", addrs.subList(0, 3)) + " + " + (addrs.size() - 3) + " more..."
          : String.join(",", addrs);
      rows.add(List.of(s.getMetadata().getName(), s.getAddressType(), ports.isEmpty() ? "<unset>" : String.join(",", ports),
          endpoints, age(s.getMetadata().getCreationTimestamp(), now)));
    }
    return new Table(List.of("NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"), rows);
  }

  static Table deployments(List<Deployment> items, boolean wide, Instant now) {
    List<String> headers = new ArrayList<>(List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"));
    List<List<String>> rows = new ArrayList<>();
    for (Deployment d : items) {
      List<String> row = new ArrayList<>(List.of(d.getMetadata().getName(),
          d.getStatus().getReadyReplicas() + "/" + d.getSpec().getReplicas(),
          Integer.toString(d.getStatus().getUpdatedReplicas()), Integer.toString(d.getStatus().getAvailableReplicas()),
          age(d.getMetadata().getCreationTimestamp(), now)));
      if (wide) {
        row.addAll(workloadWide(d.getSpec().getTemplate().getSpec(), d.getSpec().getSelector()));
      }
      rows.add(row);
    }
    if (wide) {
      headers.addAll(WORKLOAD_WIDE);
    }
    return new Table(headers, rows);
  }

  /** kubectl's printReplicaSet: DESIRED is spec.replicas, CURRENT status.replicas, READY status.readyReplicas. */
  static Table replicaSets(List<ReplicaSet> items, boolean wide, Instant now) {
    List<String> headers = new ArrayList<>(List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE"));
    List<List<String>> rows = new ArrayList<>();
    for (ReplicaSet rs : items) {
      // the API defaults an unset replicas to 1, as Kubernetes does
      int desired = rs.getSpec().hasReplicas() ? rs.getSpec().getReplicas() : 1;
      List<String> row = new ArrayList<>(List.of(rs.getMetadata().getName(), Integer.toString(desired),
          Integer.toString(rs.getStatus().getReplicas()), Integer.toString(rs.getStatus().getReadyReplicas()),
          age(rs.getMetadata().getCreationTimestamp(), now)));
      if (wide) {
        row.addAll(workloadWide(rs.getSpec().getTemplate().getSpec(), rs.getSpec().getSelector()));
      }
      rows.add(row);
    }
    if (wide) {
      headers.addAll(WORKLOAD_WIDE);
    }
    return new Table(headers, rows);
  }

  private static final List<String> WORKLOAD_WIDE = List.of("CONTAINERS", "IMAGES", "SELECTOR");

  /** kubectl's layoutContainerCells plus metav1.FormatLabelSelector ({@code <none>} when empty). */
  static List<String> workloadWide(io.svclab.api.v1.PodSpec template, io.svclab.api.v1.LabelSelector selector) {
    String rendered = LabelSelectors.render(selector);
    return List.of(String.join(",", template.getContainersList().stream().map(c -> c.getName()).toList()),
        String.join(",", template.getContainersList().stream().map(c -> c.getImage()).toList()),
        rendered.isEmpty() ? "<none>" : rendered);
  }

  static Table nodes(List<Node> items, boolean wide, Instant now) {
    List<String> headers = new ArrayList<>(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
    if (wide) {
      headers.addAll(List.of("INTERNAL-IP", "EXTERNAL-IP"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Node n : items) {
      String status = n.getStatus().getConditionsList().stream().filter(c -> c.getType().equals("Ready"))
          .map(c -> c.getStatus().equals("True") ? "Ready" : "NotReady").findFirst().orElse("Unknown");
      if (n.getSpec().getUnschedulable()) {
        status += ",SchedulingDisabled";
      }
      String version = n.getStatus().getNodeInfo().getKubeletVersion();
      List<String> row = new ArrayList<>(List.of(n.getMetadata().getName(), status, "<none>",
          age(n.getMetadata().getCreationTimestamp(), now), version.isEmpty() ? "<none>" : version));
      if (wide) {
        row.add(n.getStatus().getAddressesList().stream().filter(a -> a.getType().equals("InternalIP"))
            .map(NodeAddress::getAddress).findFirst().orElse("<none>"));
        row.add(n.getStatus().getAddressesList().stream().filter(a -> a.getType().equals("ExternalIP"))
            .map(NodeAddress::getAddress).findFirst().orElse("<none>"));
      }
      rows.add(row);
    }
    return new Table(headers, rows);
  }

  static Table events(List<Event> items, Instant now) {
    List<List<String>> rows = new ArrayList<>();
    List<Event> sorted = new ArrayList<>(items);
    sorted.sort((a, b) -> Long.compare(lastSeen(a).getSeconds(), lastSeen(b).getSeconds()));
    for (Event e : sorted) {
      rows.add(List.of(age(lastSeen(e), now), e.getType(), e.getReason(),
          e.getInvolvedObject().getKind().toLowerCase() + "/" + e.getInvolvedObject().getName(), e.getMessage()));
    }
    return new Table(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), rows);
  }

  /**
   * LAST SEEN as Kubernetes' event printer picks it: the series' last observation, else
   * lastTimestamp, else firstTimestamp, else eventTime (events.k8s.io writers set only that).
   */
  static Timestamp lastSeen(Event e) {
    if (e.hasSeries() && e.getSeries().getLastObservedTime().getSeconds() != 0) {
      return e.getSeries().getLastObservedTime();
    }
    if (e.getLastTimestamp().getSeconds() != 0) {
      return e.getLastTimestamp();
    }
    return e.getFirstTimestamp().getSeconds() != 0 ? e.getFirstTimestamp() : e.getEventTime();
  }
}
