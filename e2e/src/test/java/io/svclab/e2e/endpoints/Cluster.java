package io.svclab.e2e.endpoints;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.grpc.Channel;

/** Writes pods, nodes and Services the way a kubelet and a user would, for controller tests. */
final class Cluster {
  final ResourceClient<Pod> pods;
  final ResourceClient<Service> services;
  final ResourceClient<EndpointSlice> slices;
  final ResourceClient<EndpointsObject> endpoints;
  final ResourceClient<Node> nodes;

  Cluster(Channel channel) {
    pods = new ResourceClient<>(channel, ResourceKinds.PODS);
    services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
    slices = new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES);
    endpoints = new ResourceClient<>(channel, ResourceKinds.ENDPOINTS);
    nodes = new ResourceClient<>(channel, ResourceKinds.NODES);
  }

  void node(String name) {
    nodes.create(Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name)).build());
  }

  Service service(String name, String app, IntOrString targetPort) {
    return services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name))
        .setSpec(ServiceSpec.newBuilder().putSelector("app", app)
            .addPorts(ServicePort.newBuilder().setName("http").setPort(80).setTargetPort(targetPort)))
        .build());
  }

  /** A pod bound to a node, then given a running status with an IP as its kubelet would. */
  Pod runningPod(String name, String app, String node, String ip, boolean ready, int containerPort) {
    pods.create(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).putLabels("app", app))
        .setSpec(PodSpec.newBuilder().setNodeName(node).addContainers(Container.newBuilder().setName("web")
            .setImage("nginx:1.25").addPorts(ContainerPort.newBuilder().setName("http").setContainerPort(containerPort))))
        .build());
    return setReady(name, ip, ready);
  }

  Pod setReady(String name, String ip, boolean ready) {
    Pod current = pods.get("default", name);
    String status = ready ? "True" : "False";
    return pods.updateStatus(current.toBuilder().setStatus(PodStatus.newBuilder().setPhase("Running")
        .setPodIp(ip).addPodIps(PodIP.newBuilder().setIp(ip)).setHostIp("127.0.10.1")
        .addConditions(PodCondition.newBuilder().setType("Ready").setStatus(status))
        .addConditions(PodCondition.newBuilder().setType("ContainersReady").setStatus(status))).build());
  }

  void deletePodNow(String name) {
    pods.delete(io.svclab.api.v1.DeleteRequest.newBuilder().setNamespace("default").setName(name)
        .setGracePeriodSeconds(0).build());
  }
}
