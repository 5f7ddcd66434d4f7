package io.svclab.apiserver.allocation;

import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' repair controllers for ClusterIPs and NodePorts: at start and then every
 * interval, rebuilds each range's taken set from the stored Services ({@link RangeRepair}) and
 * stores it, guarded against any allocation made meanwhile. It heals what no single write can:
 * a value taken by a create whose apiserver died before the Service was stored, a Service
 * stored by an older version without an allocator record.
 */
public final class AllocatorRepair implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AllocatorRepair.class);

  private final Supplier<List<Service>> services;
  private final ClusterIpAllocator ips;
  private final NodePortAllocator ports;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "allocator-repair");
    t.setDaemon(true);
    return t;
  });
  private Map<Integer, Integer> ipLeaks = Map.of();
  private Map<Integer, Integer> portLeaks = Map.of();

  /** @param services every stored Service, read after the range it is checked against */
  public AllocatorRepair(Supplier<List<Service>> services, ClusterIpAllocator ips, NodePortAllocator ports) {
    this.services = services;
    this.ips = ips;
    this.ports = ports;
  }

  /** One repair of both ranges. */
  public synchronized void runOnce() {
    ipLeaks = repair(ips, "cluster IP", "service CIDR", AllocatorRepair::clusterIpsHeld, ipLeaks);
    portLeaks = repair(ports, "node port", "port range", AllocatorRepair::nodePortsHeld, portLeaks);
  }

  /** Repairs again every {@code interval} (a failed repair is logged and tried at the next). */
  public void start(Duration interval) {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        runOnce();
      } catch (RuntimeException e) {
        log.error("allocator repair failed: {}", e.getMessage(), e);
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
  }

  private Map<Integer, Integer> repair(ValueRange range, String what, String rangeName,
      Function<Service, List<String>> heldBy, Map<Integer, Integer> leaks) {
    RangeRepair.Outcome outcome;
    try {
      outcome = range.state().reconcile(stored -> {
        List<RangeRepair.Held> held = new ArrayList<>();
        for (Service svc : services.get()) {
          String owner = svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
          for (String value : heldBy.apply(svc)) {
            held.add(new RangeRepair.Held(value, range.offsetOf(value), owner));
          }
        }
        RangeRepair.Outcome o = RangeRepair.repair(stored, held, leaks, range::valueAt);
        stored.restore(o.taken().snapshot());
        return o;
      });
    } catch (AllocationException e) {
      throw new IllegalStateException("repair of the " + rangeName + " refused: " + e.getMessage(), e);
    }
    for (RangeRepair.Note n : outcome.notes()) {
      log.warn(switch (n.finding()) {
        case NOT_ALLOCATED -> "the " + what + " " + n.value() + " for service " + n.owner() + " is not allocated; repairing";
        case DUPLICATE -> "the " + what + " " + n.value() + " for service " + n.owner()
            + " was assigned to multiple services; please recreate";
        case NOT_IN_RANGE -> "the " + what + " " + n.value() + " for service " + n.owner() + " is not within the "
            + rangeName + " " + range.rangeText() + "; please recreate";
        case MAY_HAVE_LEAKED -> "the " + what + " " + n.value() + " may have leaked: flagging for later clean up";
        case LEAKED -> "the " + what + " " + n.value() + " appears to have leaked: cleaning up";
      });
    }
    return outcome.leaks();
  }

  static List<String> clusterIpsHeld(Service svc) {
    String ip = svc.getSpec().getClusterIp();
    return ip.isEmpty() || "None".equals(ip) ? List.of() : List.of(ip);
  }

  static List<String> nodePortsHeld(Service svc) {
    ServiceSpec spec = svc.getSpec();
    return ServiceAllocator.heldPorts(spec).stream().sorted().map(String::valueOf).toList();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
