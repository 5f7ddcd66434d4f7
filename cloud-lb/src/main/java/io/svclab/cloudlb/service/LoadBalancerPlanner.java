package io.svclab.cloudlb.service;

import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.LoadBalancerStatus;
import io.svclab.api.v1.PortStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.cloudlb.ipam.IpPool;
import io.svclab.net.ip.Ipv4;
import java.util.Optional;

/**
 * The service controller's decisions, pure: from a Service and the pool's bookkeeping to a
 * {@link Plan}. Mirrors Kubernetes' {@code syncLoadBalancerIfNeeded}: a Service that wants a
 * load balancer gets the cleanup finalizer before anything else; one that is being deleted
 * or stopped wanting one (and carries the finalizer) is cleaned up.
 */
public final class LoadBalancerPlanner {
  public static final String FINALIZER = "service.kubernetes.io/load-balancer-cleanup";
  public static final String CLASS = "svclab.io/lb";
  public static final String IPS_ANNOTATION = "svclab.io/load-balancer-ips";

  private LoadBalancerPlanner() {}

  /** type LoadBalancer, our class (empty or svclab.io/lb). Deletion is not looked at here. */
  public static boolean isOurs(Service svc) {
    if (!"LoadBalancer".equals(svc.getSpec().getType())) return false;
    String cls = svc.getSpec().hasLoadBalancerClass() ? svc.getSpec().getLoadBalancerClass() : "";
    return cls.isEmpty() || CLASS.equals(cls);
  }

  public static boolean hasFinalizer(Service svc) {
    return svc.getMetadata().getFinalizersList().contains(FINALIZER);
  }

  public static boolean deleting(Service svc) {
    return svc.getMetadata().hasDeletionTimestamp();
  }

  /** The address the user asked for: spec.loadBalancerIP, else the first of the annotation. */
  public static Optional<String> requestedIp(Service svc) {
    String ip = svc.getSpec().getLoadBalancerIp().trim();
    if (!ip.isEmpty()) return Optional.of(ip);
    String ann = svc.getMetadata().getAnnotationsOrDefault(IPS_ANNOTATION, "").trim();
    if (ann.isEmpty()) return Optional.empty();
    return Optional.of(ann.split(",")[0].trim());
  }

  /** The IP in status.loadBalancer.ingress (written by us before a restart), if any. */
  public static Optional<String> statusIp(Service svc) {
    return svc.getStatus().getLoadBalancer().getIngressList().stream()
        .map(LoadBalancerIngress::getIp).filter(ip -> !ip.isEmpty()).findFirst();
  }

  public static LoadBalancerStatus desiredStatus(Service svc, String ip) {
    LoadBalancerIngress.Builder ingress = LoadBalancerIngress.newBuilder().setIp(ip).setIpMode("VIP");
    for (ServicePort p : svc.getSpec().getPortsList()) {
      ingress.addPorts(PortStatus.newBuilder().setPort(p.getPort())
          .setProtocol(p.getProtocol().isEmpty() ? "TCP" : p.getProtocol()));
    }
    return LoadBalancerStatus.newBuilder().addIngress(ingress).build();
  }

  /**
   * @param key  the Service's {@code namespace/name}, its owner key in the pool
   * @param pool the pool as it is now (read only here)
   */
  public static Plan plan(String key, Service svc, IpPool pool) {
    boolean finalizer = hasFinalizer(svc);
    Optional<String> held = pool.ipOf(key);
    if (!isOurs(svc) || deleting(svc)) {
      if (finalizer || held.isPresent()) {
        boolean clear = finalizer && svc.getStatus().getLoadBalancer().getIngressCount() > 0;
        return new Plan.Cleanup(clear, finalizer);
      }
      return new Plan.Ignore();
    }
    boolean addFinalizer = !finalizer;
    String ip;
    Optional<String> requested = requestedIp(svc);
    if (requested.isPresent()) {
      String want = requested.get();
      if (!Ipv4.isValid(want)) {
        return new Plan.Fail(addFinalizer, "requested IP \"" + want + "\" is not a valid IPv4 address");
      }
      if (!pool.contains(want)) {
        return new Plan.Fail(addFinalizer, "requested IP " + want + " is not in pool " + pool);
      }
      Optional<String> owner = pool.ownerOf(want);
      if (owner.isPresent() && !owner.get().equals(key)) {
        return new Plan.Fail(addFinalizer, "requested IP " + want + " is already allocated to " + owner.get());
      }
      ip = want;
    } else if (held.isPresent()) {
      ip = held.get();
    } else {
      Optional<String> previous = statusIp(svc).filter(p -> pool.available(p, key));
      Optional<String> chosen = previous.isPresent() ? previous : pool.firstFree();
      if (chosen.isEmpty()) {
        return new Plan.Fail(addFinalizer, "no free IP in pool " + pool);
      }
      ip = chosen.get();
    }
    LoadBalancerStatus status = desiredStatus(svc, ip);
    boolean statusChanged = !status.equals(svc.getStatus().getLoadBalancer());
    boolean announce = addFinalizer || statusChanged || !held.equals(Optional.of(ip));
    return new Plan.Ensure(addFinalizer, ip, status, statusChanged, announce);
  }
}
