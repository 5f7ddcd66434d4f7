package io.svclab.apiserver.allocation;

import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Gives a Service its ClusterIP, NodePorts and healthCheckNodePort, as kube-apiserver's
 * service REST storage does. Every allocation is provisional until {@link Claim#commit()}:
 * a write that fails later calls {@link Claim#rollback()} and leaves nothing taken; values the
 * old object held and the new one dropped are released only on commit.
 */
public final class ServiceAllocator {
  private final ClusterIpAllocator ips;
  private final NodePortAllocator ports;

  public ServiceAllocator(ClusterIpAllocator ips, NodePortAllocator ports) {
    this.ips = ips;
    this.ports = ports;
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
      freedIps.forEach(ips::release);
      freedPorts.forEach(ports::release);
    }

    public void rollback() {
      takenIps.forEach(ips::release);
      takenPorts.forEach(ports::release);
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

  private static Set<Integer> heldPorts(ServiceSpec spec) {
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
    if (!spec.getClusterIp().isEmpty() && !"None".equals(spec.getClusterIp())) {
      ips.release(spec.getClusterIp());
    }
    heldPorts(spec).forEach(ports::release);
  }

  /** Start-up repair: marks what the stored Services hold as taken. */
  public void rebuild(Collection<Service> services) {
    for (Service svc : services) {
      ServiceSpec spec = svc.getSpec();
      try {
        if (!spec.getClusterIp().isEmpty() && !"None".equals(spec.getClusterIp()) && ips.contains(spec.getClusterIp())
            && !ips.isAllocated(spec.getClusterIp())) {
          ips.allocate(spec.getClusterIp());
        }
        for (int p : heldPorts(spec)) {
          if (p >= ports.first() && p <= ports.last() && !ports.isAllocated(p)) {
            ports.allocate(p);
          }
        }
      } catch (AllocationException e) {
        throw new IllegalStateException("repair of " + svc.getMetadata().getNamespace() + "/"
            + svc.getMetadata().getName() + ": " + e.getMessage(), e);
      }
    }
  }
}
