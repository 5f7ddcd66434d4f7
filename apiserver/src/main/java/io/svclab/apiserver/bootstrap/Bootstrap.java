package io.svclab.apiserver.bootstrap;

import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.registry.Registry;
import io.svclab.client.resource.ResourceKinds;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every cluster has from its first second: the system namespaces, {@code default/kubernetes}
 * at the service CIDR's first address and {@code kube-system/kube-dns} at its tenth. Only
 * missing objects are created, so a restart on an existing store changes nothing, and two
 * apiservers starting at once on one store both succeed (the loser of a create finds the
 * winner's object). {@code default/kubernetes}'s Endpoints are the {@link EndpointReconciler}'s:
 * every live apiserver's advertise address, this start's included.
 */
public final class Bootstrap {
  private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

  private Bootstrap() {}

  /** Returns the reconciler of {@code default/kubernetes}'s Endpoints, run once; the caller starts and closes it. */
  public static EndpointReconciler ensure(Registry registry, String kubernetesIp, String kubeDnsIp, String apiHost, int apiPort) {
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      if (registry.find(ResourceKinds.NAMESPACES, "", ns).isEmpty()) {
        createQuietly(() -> registry.find(ResourceKinds.NAMESPACES, "", ns).isPresent(), () -> registry.create(ResourceKinds.NAMESPACES,
            Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(ns)).build()));
      }
    }
    if (registry.find(ResourceKinds.SERVICES, "default", "kubernetes").isEmpty()) {
      createQuietly(() -> registry.find(ResourceKinds.SERVICES, "default", "kubernetes").isPresent(),
          () -> registry.create(ResourceKinds.SERVICES, Service.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("kubernetes").setNamespace("default")
              .putLabels("component", "apiserver").putLabels("provider", "kubernetes"))
          .setSpec(ServiceSpec.newBuilder().setClusterIp(kubernetesIp).addPorts(ServicePort.newBuilder()
              .setName("https").setProtocol("TCP").setPort(443).setTargetPort(IntOrString.newBuilder().setNumber(apiPort))))
          .build()));
    }
    EndpointReconciler endpoints = new EndpointReconciler(registry, apiHost, apiPort, Clock.systemUTC());
    endpoints.reconcile();
    var kubeDns = registry.find(ResourceKinds.SERVICES, "kube-system", "kube-dns");
    if (kubeDns.isEmpty()) {
      createQuietly(() -> registry.find(ResourceKinds.SERVICES, "kube-system", "kube-dns").isPresent(),
          () -> registry.create(ResourceKinds.SERVICES, Service.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("kube-dns").setNamespace("kube-system")
              .putLabels("k8s-app", "kube-dns").putLabels("kubernetes.io/name", "CoreDNS"))
          .setSpec(ServiceSpec.newBuilder().setClusterIp(kubeDnsIp).putSelector("k8s-app", "kube-dns")
              .addAllPorts(KUBE_DNS_PORTS))
          .build()));
    } else if (kubeDns.get().getSpec().getPortsList().equals(NUMBERED_KUBE_DNS_PORTS)) {
      // a store from before the DNS server's mirror pod: its :53 would become the pod's :53
      try {
        registry.update(ResourceKinds.SERVICES, kubeDns.get().toBuilder()
            .setSpec(kubeDns.get().getSpec().toBuilder().clearPorts().addAllPorts(KUBE_DNS_PORTS)).build(), false);
        log.info("bootstrap: kube-system/kube-dns targets its pods' named ports dns, dns-tcp, metrics");
      } catch (ApiException e) {
        if (!"Conflict".equals(e.reason())) {  // Conflict: another apiserver updated it first
          throw e;
        }
      }
    }
    return endpoints;
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

  /**
   * Creates, and takes a failure for success when the object exists afterwards: another apiserver
   * on the same store created it first (AlreadyExists, or its ClusterIP already taken by the winner).
   */
  private static void createQuietly(BooleanSupplier existsNow, Runnable create) {
    try {
      create.run();
    } catch (ApiException e) {
      if (!"AlreadyExists".equals(e.reason()) && !appearsWithin(existsNow, WINNER_WAIT_ROUNDS)) {
        log.error("bootstrap: {}", e.getMessage());
        throw e;
      }
    }
  }

  /** Polls of 100 ms: the winner's ClusterIP lands before its Service, and an etcd store's reads follow its watch. */
  static final int WINNER_WAIT_ROUNDS = 100;

  private static boolean appearsWithin(BooleanSupplier existsNow, int rounds) {
    for (int i = 0; i < rounds; i++) {
      if (existsNow.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return existsNow.getAsBoolean();
  }
}
