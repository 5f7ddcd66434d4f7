package io.svclab.dns.records;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;

/**
 * The fields of each watched object that DNS reads (and the informer needs: namespace, name,
 * uid, resourceVersion), nothing else: the informers keep these trimmed copies, so a Service
 * costs the dns-server a few hundred bytes instead of its whole object. Values that repeat
 * across objects (namespaces, port names, protocols, types) are interned, so each is stored
 * once. {@link ClusterRecords} answers the same from a trimmed object as from the original.
 */
public final class WatchedFields {
  private WatchedFields() {}

  public static Service service(Service s) {
    ServiceSpec spec = s.getSpec();
    ServiceSpec.Builder slim = ServiceSpec.newBuilder()
        .setType(intern(spec.getType()))
        .setClusterIp(spec.getClusterIp())
        .setExternalName(spec.getExternalName())
        .setPublishNotReadyAddresses(spec.getPublishNotReadyAddresses());
    // clusterIPs only when they say more than clusterIP (dual-stack, or clusterIP unset)
    if (!(spec.getClusterIpsCount() == 1 && spec.getClusterIps(0).equals(spec.getClusterIp()))) {
      slim.addAllClusterIps(spec.getClusterIpsList());
    }
    for (ServicePort p : spec.getPortsList()) {
      slim.addPorts(ServicePort.newBuilder().setName(intern(p.getName())).setProtocol(intern(p.getProtocol()))
          .setPort(p.getPort()));
    }
    return Service.newBuilder().setMetadata(meta(s.getMetadata(), false)).setSpec(slim).build();
  }

  public static EndpointSlice slice(EndpointSlice s) {
    EndpointSlice.Builder slim = EndpointSlice.newBuilder().setMetadata(meta(s.getMetadata(), true))
        .setAddressType(intern(s.getAddressType()));
    for (EndpointSlicePort p : s.getPortsList()) {
      EndpointSlicePort.Builder port = EndpointSlicePort.newBuilder();
      if (p.hasName()) port.setName(intern(p.getName()));
      if (p.hasProtocol()) port.setProtocol(intern(p.getProtocol()));
      if (p.hasPort()) port.setPort(p.getPort());
      slim.addPorts(port);
    }
    for (Endpoint e : s.getEndpointsList()) {
      Endpoint.Builder endpoint = Endpoint.newBuilder().addAllAddresses(e.getAddressesList());
      if (e.hasHostname()) endpoint.setHostname(e.getHostname());
      if (e.getConditions().hasReady()) {
        endpoint.setConditions(EndpointConditions.newBuilder().setReady(e.getConditions().getReady()));
      }
      slim.addEndpoints(endpoint);
    }
    return slim.build();
  }

  public static Pod pod(Pod p) {
    PodStatus.Builder status = PodStatus.newBuilder().setPodIp(p.getStatus().getPodIp());
    for (PodIP ip : p.getStatus().getPodIpsList()) {
      status.addPodIps(PodIP.newBuilder().setIp(ip.getIp()));
    }
    return Pod.newBuilder().setMetadata(meta(p.getMetadata(), false)).setStatus(status).build();
  }

  public static Namespace namespace(Namespace n) {
    return Namespace.newBuilder().setMetadata(meta(n.getMetadata(), false)).build();
  }

  /** namespace, name, uid, resourceVersion; a slice also keeps the label naming its Service. */
  private static ObjectMeta meta(ObjectMeta m, boolean serviceNameLabel) {
    ObjectMeta.Builder slim = ObjectMeta.newBuilder().setNamespace(intern(m.getNamespace())).setName(m.getName())
        .setUid(m.getUid()).setResourceVersion(m.getResourceVersion());
    String service = m.getLabelsMap().get(ClusterRecords.SERVICE_NAME_LABEL);
    if (serviceNameLabel && service != null) {
      slim.putLabels(ClusterRecords.SERVICE_NAME_LABEL, service);
    }
    return slim.build();
  }

  private static String intern(String s) {
    return s.intern();
  }
}
