package io.svclab.apiserver.allocation;

import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a Service its ClusterIP, NodePorts and healthCheckNodePort, as kube-apiserver's
 * service REST storage does. Every allocation is provisional until {@link Claim#commit()}:
 * a write that fails later calls {@link Claim#rollback()} and leaves nothing taken; values the
 * old object held and the new one dropped are released only on commit.
 */
public final class ServiceAllocator {
  private static final Logger log = LoggerFactory.getLogger(ServiceAllocator.class);

  private final ClusterIpAllocator ips;
  private final NodePortAllocator ports;

  public ServiceAllocator(ClusterIpAllocator ips, NodePortAllocator ports) {
    this.ips = ips;
    this.ports = ports;
  }

  /**
   * An allocator over scratch copies of both ranges, for a dry run: it answers what a write
   * would be given, and nothing it takes is kept or written, as Kubernetes' dry-run allocators.
   */
  public ServiceAllocator preview() {
    return new ServiceAllocator(ips.preview(), ports.preview());
  }

  public ClusterIpAllocator ips() { return ips; }

  public NodePortAllocator ports() { return ports; }

  /** What one write took and what it will give back once it is stored. */
  public final class Claim {
    private final Service service;
    private final List<String> takenIps = new ArrayList<>();
    private final List<Integer> takenPorts = new ArrayList<>();
    private final List<String> freedIps = new ArrayList<>();
    private final List<Integer> freedPorts = new ArrayList<>();

    private Claim(Service service) {
      this.service = service;
    }

    public Service service() { return service; }

    public void commit() {
      giveBack(freedIps, freedPorts);
    }

    public void rollback() {
      giveBack(takenIps, takenPorts);
    }
  }

  /**
   * Frees values; a store that refuses now leaves them taken until the allocator repair finds
   * them leaked, which is what it is for, so the write that is ending does not fail for it.
   */
  private void giveBack(List<String> freeIps, List<Integer> freePorts) {
    for (String ip : freeIps) {
      try {
        ips.release(ip);
      } catch (RuntimeException e) {
        log.warn("cluster IP {} stays taken until the allocator repair frees it: {}", ip, e.getMessage());
      }
    }
    for (int port : freePorts) {
      try {
        ports.release(port);
      } catch (RuntimeException e) {
        log.warn("node port {} stays taken until the allocator repair frees it: {}", port, e.getMessage());
      }
    }
  }

  public static boolean needsClusterIp(ServiceSpec spec) {
    return !"ExternalName".equals(spec.getType());
  }

  public static boolean needsNodePorts(ServiceSpec spec) {
    return "NodePort".equals(spec.getType())
        || ("LoadBalancer".equals(spec.getType())
            && (!spec.hasAllocateLoadBalancerNodePorts() || spec.getAllocateLoadBalancerNodePorts()));
  }

  public static boolean needsHealthCheckNodePort(ServiceSpec spec) {
    return "LoadBalancer".equals(spec.getType()) && "Local".equals(spec.getExternalTrafficPolicy());
  }

  /**
   * Kubernetes' PrepareForUpdate for Services: values the system allocated stay when the user
   * leaves them unset (patchAllocatedValues), and type-dependent ones the user did not change
   * are dropped when the new type no longer has them (dropTypeDependentFields).
   */
  public static Service carryOver(Service updated, Service old) {
    ServiceSpec.Builder spec = updated.getSpec().toBuilder();
    ServiceSpec oldSpec = old.getSpec();
    if (needsClusterIp(spec.build()) && needsClusterIp(oldSpec) && spec.getClusterIp().isEmpty()
        && spec.getClusterIpsCount() == 0) {
      spec.setClusterIp(oldSpec.getClusterIp()).addAllClusterIps(oldSpec.getClusterIpsList());
    }
    if (!needsClusterIp(spec.build()) && spec.getClusterIp().equals(oldSpec.getClusterIp())) {
      spec.clearClusterIp().clearClusterIps().clearIpFamilies().clearIpFamilyPolicy();
    }
    boolean wantsPorts = needsNodePorts(spec.build());
    for (int i = 0; i < spec.getPortsCount(); i++) {
      ServicePort p = spec.getPorts(i);
      ServicePort prior = matchingPort(oldSpec.getPortsList(), p);
      if (wantsPorts && p.getNodePort() == 0 && prior != null && prior.getNodePort() != 0) {
        spec.setPorts(i, p.toBuilder().setNodePort(prior.getNodePort()));
      } else if (!wantsPorts && p.getNodePort() != 0 && prior != null && prior.getNodePort() == p.getNodePort()) {
        spec.setPorts(i, p.toBuilder().setNodePort(0));
      }
    }
    boolean wantsHealth = needsHealthCheckNodePort(spec.build());
    if (wantsHealth && spec.getHealthCheckNodePort() == 0) {
      spec.setHealthCheckNodePort(oldSpec.getHealthCheckNodePort());
    } else if (!wantsHealth && spec.getHealthCheckNodePort() == oldSpec.getHealthCheckNodePort()) {
      spec.setHealthCheckNodePort(0);
    }
    return updated.toBuilder().setSpec(spec).build();
  }

  private static ServicePort matchingPort(List<ServicePort> ports, ServicePort p) {
    for (ServicePort o : ports) {
      if (o.getPort() == p.getPort() && Objects.equals(o.getProtocol(), p.getProtocol())) {
        return o;
      }
    }
    for (ServicePort o : ports) {
      if (!o.getName().isEmpty() && o.getName().equals(p.getName())) {
        return o;
      }
    }
    return null;
  }

  /**
   * Allocates what {@code updated} needs beyond what {@code old} (null on create) already
   * holds. Throws Invalid with every failing field; nothing stays taken then.
   */
  public Claim allocate(Service updated, Service old) {
    List<Violation> errors = new ArrayList<>();
    ServiceSpec.Builder spec = updated.getSpec().toBuilder();
    ServiceSpec oldSpec = old == null ? ServiceSpec.getDefaultInstance() : old.getSpec();
    Claim claim = new Claim(null);
    String name = updated.getMetadata().getName();
    try {
      allocateClusterIp(spec, oldSpec, claim, errors);
      allocateNodePorts(spec, oldSpec, claim, errors);
      allocateHealthCheckPort(spec, oldSpec, claim, errors);
    } catch (ApiException e) {
      claim.rollback();
      throw e;
    } catch (RuntimeException e) {
      // the store failed under the allocation: as kube-apiserver's "failed to allocate a serviceIP: ..."
      claim.rollback();
      throw ApiException.internal("failed to allocate a service IP or node port: " + e.getMessage());
    }
    if (!errors.isEmpty()) {
      claim.rollback();
      throw ApiException.invalid("Service", name, errors);
    }
    Claim done = new Claim(updated.toBuilder().setSpec(spec).build());
    done.takenIps.addAll(claim.takenIps);
    done.takenPorts.addAll(claim.takenPorts);
    if (old != null) {
      if (!oldSpec.getClusterIp().isEmpty() && !"None".equals(oldSpec.getClusterIp())
          && !oldSpec.getClusterIp().equals(spec.getClusterIp())) {
        done.freedIps.add(oldSpec.getClusterIp());
      }
      Set<Integer> kept = heldPorts(spec.build());
      for (int p : heldPorts(oldSpec)) {
        if (!kept.contains(p)) {
          done.freedPorts.add(p);
        }
      }
    }
    return done;
  }

  private void allocateClusterIp(ServiceSpec.Builder spec, ServiceSpec oldSpec, Claim claim, List<Violation> errors) {
    if (!needsClusterIp(spec.build())) {
      return;
    }
    String wanted = spec.getClusterIp().isEmpty() && spec.getClusterIpsCount() > 0 ? spec.getClusterIps(0) : spec.getClusterIp();
    if ("None".equals(wanted)) {
      spec.setClusterIp("None").clearClusterIps().addClusterIps("None");
      return;
    }
    if (!wanted.isEmpty() && wanted.equals(oldSpec.getClusterIp())) {
      return;
    }
    try {
      if (wanted.isEmpty()) {
        wanted = ips.allocateNext();
      } else {
        ips.allocate(wanted);
      }
      claim.takenIps.add(wanted);
      spec.setClusterIp(wanted).clearClusterIps().addClusterIps(wanted);
    } catch (AllocationException e) {
      if (e.reason() == AllocationException.Reason.RANGE_FULL) {
        throw ApiException.internal("failed to allocate a serviceIP: " + e.getMessage());
      }
      errors.add(new Violation("spec.clusterIPs", "spec.clusterIPs: Invalid value: []string{\"" + wanted
          + "\"}: failed to allocate IP " + wanted + ": " + e.getMessage()));
    }
  }

  private void allocateNodePorts(ServiceSpec.Builder spec, ServiceSpec oldSpec, Claim claim, List<Violation> errors) {
    if (!needsNodePorts(spec.build())) {
      return;
    }
    Set<Integer> oldHeld = heldPorts(oldSpec);
    Set<Integer> takenHere = new HashSet<>();
    for (int i = 0; i < spec.getPortsCount(); i++) {
      ServicePort p = spec.getPorts(i);
      int wanted = p.getNodePort();
      if (wanted == 0) {
        wanted = sharedNodePort(spec.getPortsList(), i);
      }
      if (wanted != 0 && (oldHeld.contains(wanted) || takenHere.contains(wanted))) {
        spec.setPorts(i, p.toBuilder().setNodePort(wanted));
        continue;
      }
      int taken = takePort(wanted, "spec.ports[" + i + "].nodePort", claim, errors);
      if (taken != 0) {
        takenHere.add(taken);
        spec.setPorts(i, p.toBuilder().setNodePort(taken));
      }
    }
  }

  /**
   * Takes {@code wanted} (0 = any free port) for a write: the port, or 0 with the field's
   * error added. A full range is an internal error, as in Kubernetes.
   */
  private int takePort(int wanted, String field, Claim claim, List<Violation> errors) {
    try {
      int port = wanted;
      if (port == 0) {
        port = ports.allocateNext();
      } else {
        ports.allocate(port);
      }
      claim.takenPorts.add(port);
      return port;
    } catch (AllocationException e) {
      if (e.reason() == AllocationException.Reason.RANGE_FULL) {
        throw ApiException.internal("failed to allocate a nodePort: " + e.getMessage());
      }
      errors.add(new Violation(field, field + ": Invalid value: " + wanted + ": " + e.getMessage()));
      return 0;
    }
  }

  /** The same port number over TCP and UDP shares one NodePort, as Kubernetes does for DNS. */
  private static int sharedNodePort(List<ServicePort> portsList, int index) {
    ServicePort p = portsList.get(index);
    for (int j = 0; j < index; j++) {
      ServicePort o = portsList.get(j);
      if (o.getPort() == p.getPort() && !o.getProtocol().equals(p.getProtocol()) && o.getNodePort() != 0) {
        return o.getNodePort();
      }
    }
    return 0;
  }

  private void allocateHealthCheckPort(ServiceSpec.Builder spec, ServiceSpec oldSpec, Claim claim, List<Violation> errors) {
    if (!needsHealthCheckNodePort(spec.build())) {
      return;
    }
    int wanted = spec.getHealthCheckNodePort();
    if (wanted != 0 && wanted == oldSpec.getHealthCheckNodePort()) {
      return;
    }
    int taken = takePort(wanted, "spec.healthCheckNodePort", claim, errors);
    if (taken != 0) {
      spec.setHealthCheckNodePort(taken);
    }
  }

  static Set<Integer> heldPorts(ServiceSpec spec) {
    Set<Integer> held = new HashSet<>();
    for (ServicePort p : spec.getPortsList()) {
      if (p.getNodePort() != 0) {
        held.add(p.getNodePort());
      }
    }
    if (spec.getHealthCheckNodePort() != 0) {
      held.add(spec.getHealthCheckNodePort());
    }
    return held;
  }

  /** Gives back everything a deleted Service held. */
  public void release(Service svc) {
    ServiceSpec spec = svc.getSpec();
    List<String> freeIps = new ArrayList<>();
    if (!spec.getClusterIp().isEmpty() && !"None".equals(spec.getClusterIp())) {
      freeIps.add(spec.getClusterIp());
    }
    giveBack(freeIps, new ArrayList<>(heldPorts(spec)));
  }
}
