package io.svclab.apiserver.strategy;

import io.svclab.api.v1.Service;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.client.resource.ResourceKinds;

/**
 * Services: a main update keeps the ClusterIP and NodePorts the user left unset (and drops
 * the ones the new type no longer has); a write allocates its ClusterIP, NodePorts and
 * healthCheckNodePort provisionally, and a removed Service gives them back.
 */
public final class ServiceStrategy extends DefaultStrategy<Service> {
  private final ServiceAllocator allocator;

  public ServiceStrategy(ServiceAllocator allocator) {
    super(ResourceKinds.SERVICES, false);
    this.allocator = allocator;
  }

  @Override
  public Service prepareForUpdate(Service updated, Service old, boolean statusOnly) {
    Service prepared = super.prepareForUpdate(updated, old, statusOnly);
    return statusOnly ? prepared : ServiceAllocator.carryOver(prepared, old);
  }

  @Override
  public Allocation<Service> allocate(Service service, Service old) {
    ServiceAllocator.Claim claim = allocator.allocate(service, old);
    return new Allocation<>() {
      @Override
      public Service object() { return claim.service(); }

      @Override
      public void commit() { claim.commit(); }

      @Override
      public void rollback() { claim.rollback(); }

      // what a commit gives back is what the old Service held and this one dropped: a create has no old one
      @Override
      public boolean commitGivesNothingBack() { return old == null; }
    };
  }

  /** From scratch copies of the ranges: a dry run neither takes nor writes anything. */
  @Override
  public Service previewAllocation(Service service, Service old) {
    return allocator.preview().allocate(service, old).service();
  }

  @Override
  public void release(Service removed) {
    allocator.release(removed);
  }
}
