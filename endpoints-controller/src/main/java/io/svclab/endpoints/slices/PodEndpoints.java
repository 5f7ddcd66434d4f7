package io.svclab.endpoints.slices;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.kube.Readiness;
import io.svclab.endpoints.AddressType;
import io.svclab.endpoints.ServiceTraits;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.pods.PodState;
import io.svclab.endpoints.pods.TargetPorts;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** One pod as an EndpointSlice endpoint of one Service (Kubernetes' podToEndpoint, getEndpointPorts). */
public final class PodEndpoints {
  private PodEndpoints() {}

  /**
   * Conditions: serving = the pod's Ready condition; terminating = deletionTimestamp set;
   * ready = serving and not terminating. Fallback for publishNotReadyAddresses: ready is
   * always true, since the user asked for every address to be published.
   * Addresses: the pod IPs of this address type only (none means the pod is left out).
   */
  public static Endpoint endpoint(Pod pod, Node node, Service service, AddressType addressType) {
    boolean serving = Readiness.isReady(pod);
    boolean terminating = PodState.isTerminating(pod);
    boolean ready = service.getSpec().getPublishNotReadyAddresses() || (serving && !terminating);
    Endpoint.Builder endpoint = Endpoint.newBuilder()
        .addAllAddresses(PodState.ips(pod).stream().filter(addressType::matches).toList())
        .setConditions(EndpointConditions.newBuilder().setReady(ready).setServing(serving).setTerminating(terminating))
        .setTargetRef(ObjectReference.newBuilder()
            .setKind("Pod")
            .setNamespace(pod.getMetadata().getNamespace())
            .setName(pod.getMetadata().getName())
            .setUid(pod.getMetadata().getUid()));
    if (!pod.getSpec().getNodeName().isEmpty()) endpoint.setNodeName(pod.getSpec().getNodeName());
    if (node != null) {
      String zone = node.getMetadata().getLabelsOrDefault(WellKnownKeys.LABEL_TOPOLOGY_ZONE, "");
      if (!zone.isEmpty()) endpoint.setZone(zone);
    }
    if (PodState.shouldSetHostname(pod, service)) endpoint.setHostname(pod.getSpec().getHostname());
    return endpoint.build();
  }

  /**
   * One slice port per Service port, in Service order, with the targetPort resolved for
   * this pod. A port the pod does not offer (named port not found) is left out, which puts
   * the pod in a slice of its own port set. A headless Service may have no ports at all.
   */
  public static List<EndpointSlicePort> ports(Service service, Pod pod) {
    List<EndpointSlicePort> ports = new ArrayList<>();
    if (service.getSpec().getPortsCount() == 0 && ServiceTraits.isHeadless(service)) return ports;
    for (ServicePort servicePort : service.getSpec().getPortsList()) {
      OptionalInt number = TargetPorts.find(pod, servicePort);
      if (number.isEmpty()) continue;
      EndpointSlicePort.Builder port = EndpointSlicePort.newBuilder()
          .setName(servicePort.getName())
          .setPort(number.getAsInt())
          .setProtocol(TargetPorts.protocol(servicePort.getProtocol()));
      if (servicePort.hasAppProtocol()) port.setAppProtocol(servicePort.getAppProtocol());
      ports.add(port.build());
    }
    return ports;
  }
}
