package io.svclab.dns.records;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.kube.EndpointState;
import io.svclab.client.kube.WellKnown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mutable side of the index: API objects in, per-Service {@link ServiceRecord}s kept up
 * to date incrementally (a change to one Service or one of its slices recomputes only that
 * Service), and an immutable {@link RecordIndex} out on demand. Single-threaded: the
 * informers' handlers call it under one lock (see the server's IndexPublisher).
 */
public final class ClusterRecords {
  public static final String SERVICE_NAME_LABEL = WellKnown.LABEL_SERVICE_NAME;

  private final Map<String, Service> services = new HashMap<>();
  /** namespace/service -> slice name -> slice. */
  private final Map<String, Map<String, EndpointSlice>> slices = new HashMap<>();
  private final Map<String, ServiceRecord> records = new HashMap<>();
  private final Set<String> namespaces = new HashSet<>();
  /** namespace -> pod name -> its IPs. */
  private final Map<String, Map<String, List<String>>> pods = new HashMap<>();

  // ---- Services ----

  public void putService(Service service) {
    String key = RecordIndex.key(service.getMetadata().getNamespace(), service.getMetadata().getName());
    services.put(key, service);
    recompute(key);
  }

  public void removeService(Service service) {
    String key = RecordIndex.key(service.getMetadata().getNamespace(), service.getMetadata().getName());
    services.remove(key);
    records.remove(key);
  }

  // ---- EndpointSlices ----

  public void putSlice(EndpointSlice slice) {
    String owner = ownerKey(slice);
    // a slice may have been relabelled to another Service: drop it from wherever it was
    String previous = removeSliceEverywhere(slice);
    if (owner != null) {
      slices.computeIfAbsent(owner, k -> new TreeMap<>()).put(slice.getMetadata().getName(), slice);
      recompute(owner);
    }
    if (previous != null && !previous.equals(owner)) {
      recompute(previous);
    }
  }

  public void removeSlice(EndpointSlice slice) {
    String previous = removeSliceEverywhere(slice);
    if (previous != null) {
      recompute(previous);
    }
  }

  private String removeSliceEverywhere(EndpointSlice slice) {
    String owner = ownerKey(slice);
    String name = slice.getMetadata().getName();
    if (owner != null) {
      Map<String, EndpointSlice> bySlice = slices.get(owner);
      if (bySlice != null && bySlice.remove(name) != null) {
        if (bySlice.isEmpty()) slices.remove(owner);
        return owner;
      }
    }
    String ns = slice.getMetadata().getNamespace() + "/";
    for (var e : slices.entrySet()) {
      if (e.getKey().startsWith(ns) && e.getValue().remove(name) != null) {
        String key = e.getKey();
        if (e.getValue().isEmpty()) slices.remove(key);
        return key;
      }
    }
    return null;
  }

  private static String ownerKey(EndpointSlice slice) {
    String svc = slice.getMetadata().getLabelsMap().get(SERVICE_NAME_LABEL);
    return svc == null || svc.isEmpty() ? null : RecordIndex.key(slice.getMetadata().getNamespace(), svc);
  }

  // ---- Namespaces and Pods ----

  public void putNamespace(Namespace namespace) {
    namespaces.add(namespace.getMetadata().getName());
  }

  public void removeNamespace(Namespace namespace) {
    namespaces.remove(namespace.getMetadata().getName());
  }

  public void putPod(Pod pod) {
    List<String> ips = new ArrayList<>();
    for (PodIP ip : pod.getStatus().getPodIpsList()) {
      if (!ip.getIp().isEmpty()) ips.add(ip.getIp());
    }
    if (ips.isEmpty() && !pod.getStatus().getPodIp().isEmpty()) {
      ips.add(pod.getStatus().getPodIp());
    }
    String ns = pod.getMetadata().getNamespace();
    if (ips.isEmpty()) {
      removePod(pod);
    } else {
      pods.computeIfAbsent(ns, k -> new HashMap<>()).put(pod.getMetadata().getName(), ips);
    }
  }

  public void removePod(Pod pod) {
    Map<String, List<String>> byName = pods.get(pod.getMetadata().getNamespace());
    if (byName != null) {
      byName.remove(pod.getMetadata().getName());
      if (byName.isEmpty()) pods.remove(pod.getMetadata().getNamespace());
    }
  }

  // ---- output ----

  /** An immutable picture of the current state. */
  public RecordIndex index(long serial) {
    Map<String, Set<String>> podIPs = new HashMap<>();
    pods.forEach((ns, byName) -> {
      Set<String> ips = new HashSet<>();
      byName.values().forEach(list -> list.forEach(ip -> ips.add(RecordIndex.canonicalIp(ip))));
      podIPs.put(ns, ips);
    });
    return RecordIndex.of(records, namespaces, podIPs, serial);
  }

  private void recompute(String key) {
    Service service = services.get(key);
    if (service == null) {
      records.remove(key);
      return;
    }
    records.put(key, toRecord(service, slices.getOrDefault(key, Map.of()).values()));
  }

  /** A Service and its slices as DNS sees them (pure; the table tests call it directly). */
  public static ServiceRecord toRecord(Service service, Iterable<EndpointSlice> slicesOfService) {
    ServiceSpec spec = service.getSpec();
    ServiceRecord.Kind kind;
    List<String> ips = new ArrayList<>();
    if ("ExternalName".equals(spec.getType())) {
      kind = ServiceRecord.Kind.EXTERNAL_NAME;
    } else if ("None".equals(spec.getClusterIp())
        || (spec.getClusterIpsCount() > 0 && "None".equals(spec.getClusterIps(0)))) {
      kind = ServiceRecord.Kind.HEADLESS;
    } else {
      kind = ServiceRecord.Kind.CLUSTER_IP;
      if (spec.getClusterIpsCount() > 0) {
        ips.addAll(spec.getClusterIpsList());
      } else if (!spec.getClusterIp().isEmpty()) {
        ips.add(spec.getClusterIp());
      }
    }
    List<PortRecord> ports = new ArrayList<>();
    spec.getPortsList().forEach(p -> ports.add(new PortRecord(p.getName(), p.getProtocol(), p.getPort())));
    String externalName = kind == ServiceRecord.Kind.EXTERNAL_NAME ? spec.getExternalName() : "";
    List<PortRecord> servicePorts = PortLists.shared(ports);

    // de-duplicated by address and label (one endpoint may appear in two slices briefly)
    Set<EndpointRecord> endpoints = new LinkedHashSet<>();
    if (kind != ServiceRecord.Kind.EXTERNAL_NAME) {
      for (EndpointSlice slice : slicesOfService) {
        if ("FQDN".equals(slice.getAddressType())) {
          continue;
        }
        List<PortRecord> slicePorts = new ArrayList<>();
        for (EndpointSlicePort p : slice.getPortsList()) {
          slicePorts.add(new PortRecord(p.getName(), p.getProtocol(), p.hasPort() ? p.getPort() : -1));
        }
        if (slicePorts.isEmpty()) {
          slicePorts.add(PortRecord.NONE);
        }
        List<PortRecord> endpointPorts = PortLists.shared(slicePorts);
        for (Endpoint e : slice.getEndpointsList()) {
          boolean ready = EndpointState.isReady(e.getConditions());
          if (!ready && !spec.getPublishNotReadyAddresses()) {
            continue;
          }
          for (String address : e.getAddressesList()) {
            endpoints.add(new EndpointRecord(address,
                EndpointLabels.of(address, e.hasHostname() ? e.getHostname() : ""), endpointPorts));
          }
        }
      }
    }
    return new ServiceRecord(service.getMetadata().getNamespace(), service.getMetadata().getName(), kind,
        ips, servicePorts, externalName, new ArrayList<>(endpoints));
  }
}
