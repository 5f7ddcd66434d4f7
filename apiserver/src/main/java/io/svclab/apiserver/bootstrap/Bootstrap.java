package io.svclab.apiserver.bootstrap;

import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.registry.Registry;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every cluster has from its first second: the system namespaces, {@code default/kubernetes}
 * at the service CIDR's first address and {@code kube-system/kube-dns} at its tenth. Only
 * missing objects are created, so a restart on an existing store changes nothing, except
 * {@code default/kubernetes}'s Endpoints, which always publish this start's advertise address.
 */
public final class Bootstrap {
  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  private Bootstrap() {}

  public static void ensure(Registry registry, String kubernetesIp, String kubeDnsIp, String apiHost, int apiPort) {
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      if (registry.find(ResourceKinds.NAMESPACES, "", ns).isEmpty()) {
        createQuietly(() -> registry.create(ResourceKinds.NAMESPACES,
            Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(ns)).build()));
      }
    }
    if (registry.find(ResourceKinds.SERVICES, "default", "kubernetes").isEmpty()) {
      createQuietly(() -> registry.create(ResourceKinds.SERVICES, Service.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("kubernetes").setNamespace("default")
              .putLabels("component", "apiserver").putLabels("provider", "kubernetes"))
          .setSpec(ServiceSpec.newBuilder().setClusterIp(kubernetesIp).addPorts(ServicePort.newBuilder()
              .setName("https").setProtocol("TCP").setPort(443).setTargetPort(IntOrString.newBuilder().setNumber(apiPort))))
          .build()));
    }
    EndpointSubset published = EndpointSubset.newBuilder().addAddresses(EndpointAddress.newBuilder().setIp(apiHost))
        .addPorts(EndpointPort.newBuilder().setName("https").setPort(apiPort).setProtocol("TCP")).build();
    var endpoints = registry.find(ResourceKinds.ENDPOINTS, "default", "kubernetes");
    if (endpoints.isEmpty()) {
      createQuietly(() -> registry.create(ResourceKinds.ENDPOINTS, EndpointsObject.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("kubernetes").setNamespace("default")
              .putLabels("endpointslice.kubernetes.io/skip-mirror", "true"))
          .addSubsets(published)
          .build()));
    } else if (!endpoints.get().getSubsetsList().equals(List.of(published))) {
      // kube-apiserver's endpoint reconciler does the same: the store may hold another start's address
      registry.update(ResourceKinds.ENDPOINTS, endpoints.get().toBuilder().clearSubsets().addSubsets(published).build(), false);
      log.info("bootstrap: default/kubernetes endpoints now {}:{}", apiHost, apiPort);
    }
    var kubeDns = registry.find(ResourceKinds.SERVICES, "kube-system", "kube-dns");
    if (kubeDns.isEmpty()) {
      createQuietly(() -> registry.create(ResourceKinds.SERVICES, Service.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("kube-dns").setNamespace("kube-system")
              .putLabels("k8s-app", "kube-dns").putLabels("kubernetes.io/name", "CoreDNS"))
          .setSpec(ServiceSpec.newBuilder().setClusterIp(kubeDnsIp).putSelector("k8s-app", "kube-dns")
              .addAllPorts(KUBE_DNS_PORTS))
          .build()));
    } else if (kubeDns.get().getSpec().getPortsList().equals(NUMBERED_KUBE_DNS_PORTS)) {
      // a store from before the DNS server's mirror pod: its :53 would become the pod's :53
      registry.update(ResourceKinds.SERVICES, kubeDns.get().toBuilder()
          .setSpec(kubeDns.get().getSpec().toBuilder().clearPorts().addAllPorts(KUBE_DNS_PORTS)).build(), false);
      log.info("bootstrap: kube-system/kube-dns targets its pods' named ports dns, dns-tcp, metrics");
    }
  }

  /**
   * Named targetPorts: the DNS server's mirror pod ({@code k8s-app=kube-dns}) declares them at
   * the ports it listens on (1053, its admin port), so the endpoints-controller's slice for the
   * selector is the DNS server's real address, the same one it registers itself.
   */
  static final List<ServicePort> KUBE_DNS_PORTS = List.of(port("dns", "UDP", 53, "dns"),
      port("dns-tcp", "TCP", 53, "dns-tcp"), port("metrics", "TCP", 9153, "metrics"));
  private static final List<ServicePort> NUMBERED_KUBE_DNS_PORTS = List.of(port("dns", "UDP", 53, null),
      port("dns-tcp", "TCP", 53, null), port("metrics", "TCP", 9153, null));

  private static ServicePort port(String name, String protocol, int port, String targetName) {
    IntOrString target = targetName == null ? IntOrString.newBuilder().setNumber(port).build()
        : IntOrString.newBuilder().setName(targetName).build();
    return ServicePort.newBuilder().setName(name).setProtocol(protocol).setPort(port).setTargetPort(target).build();
  }

  private static void createQuietly(Runnable create) {
    try {
      create.run();
    } catch (ApiException e) {
      if (!"AlreadyExists".equals(e.reason())) {
        log.error("bootstrap: {}", e.getMessage());
        throw e;
      }
    }
  }
}
