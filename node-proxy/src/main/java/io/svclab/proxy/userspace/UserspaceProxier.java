package io.svclab.proxy.userspace;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.Proxier;
import io.svclab.proxy.snapshot.EndpointCategories;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portable proxier: a Netty listener per (address, port, protocol) a Service port is
 * reachable on from this node (its ClusterIP; {@code nodeIp:nodePort}; each LoadBalancer
 * ingress IP and externalIP), forwarding to endpoints chosen by {@link EndpointSelector}.
 *
 * <p>Applying a snapshot is a diff: listeners that are no longer wanted close, new ones bind,
 * kept ones swap their route atomically, so established connections to endpoints that still
 * exist are untouched; connections to endpoints that left are closed. A bind that fails (an
 * address this host does not own, a port in use) is logged once and retried on the next sync.
 */
public final class UserspaceProxier implements Proxier {
  private static final Logger log = LoggerFactory.getLogger(UserspaceProxier.class);

  private final List<String> nodeIps;
  private final ProxyMetrics metrics;
  private final Duration udpIdleTimeout;
  private final Clock clock;
  private final SourceBinder sources;
  private final Transport transport = new Transport(Math.max(2, Runtime.getRuntime().availableProcessors()));
  private final Map<ListenKey, TcpListener> tcp = new HashMap<>();
  private final Map<ListenKey, UdpListener> udp = new HashMap<>();
  private final Map<ServicePortName, Map<String, EndpointSelector.Affinity>> affinity = new ConcurrentHashMap<>();
  private final Set<ListenKey> failedBinds = new HashSet<>();

  /**
   * @param clusterCidr the pod network: ClusterIP traffic from outside it carries the node
   *                    address to the endpoint, from inside it the client's (null: always the client's)
   */
  public UserspaceProxier(List<String> nodeIps, Ipv4Prefix clusterCidr, ProxyMetrics metrics, Duration udpIdleTimeout,
      Clock clock) {
    this.nodeIps = List.copyOf(nodeIps);
    this.metrics = metrics;
    this.udpIdleTimeout = udpIdleTimeout;
    this.clock = clock;
    this.sources = new SourceBinder(nodeIps.isEmpty() ? null : nodeIps.get(0), clusterCidr);
    log.info("userspace proxier on {} transport, node addresses {}, cluster CIDR {}", transport.epoll() ? "epoll" : "nio",
        nodeIps, clusterCidr == null ? "(none: ClusterIP traffic keeps every client address)" : clusterCidr);
  }

  /**
   * Every socket a snapshot asks for, with its route; the first Service port to claim a socket keeps it.
   * A TCP Service port with no usable endpoint in the whole cluster gets no listener at all, so a
   * client's connect is refused (curl exit 7), as kube-proxy's REJECT rule for "has no endpoints"
   * makes it; a listener that accepted and then reset would fail later (curl exit 56).
   */
  static Map<ListenKey, Route> desiredListeners(ProxySnapshot snapshot, List<String> nodeIps) {
    Map<ListenKey, Route> desired = new LinkedHashMap<>();
    for (ServicePortInfo port : snapshot.servicePorts()) {
      if (port.protocol().equals("TCP") && EndpointCategories.categorize(port).cluster().isEmpty()) {
        continue;
      }
      Set<String> existing = port.endpoints().stream().map(Endpoint::address).collect(Collectors.toUnmodifiableSet());
      Route internal = new Route(port, EndpointSelector.Traffic.INTERNAL,
          EndpointSelector.usable(port, EndpointSelector.Traffic.INTERNAL), existing);
      Route external = new Route(port, EndpointSelector.Traffic.EXTERNAL,
          EndpointSelector.usable(port, EndpointSelector.Traffic.EXTERNAL), existing);
      claim(desired, new ListenKey(port.clusterIp(), port.port(), port.protocol()), internal);
      if (port.nodePort() > 0) {
        for (String ip : nodeIps) claim(desired, new ListenKey(ip, port.nodePort(), port.protocol()), external);
      }
      for (String ip : port.externalIps()) claim(desired, new ListenKey(ip, port.port(), port.protocol()), external);
      for (String ip : port.loadBalancerIps()) claim(desired, new ListenKey(ip, port.port(), port.protocol()), external);
    }
    return desired;
  }

  private static void claim(Map<ListenKey, Route> desired, ListenKey key, Route route) {
    Route previous = desired.putIfAbsent(key, route);
    if (previous != null && !previous.port().name().equals(route.port().name())) {
      log.warn("{} wanted by both {} and {}; {} keeps it", key, previous.service(), route.service(), previous.service());
    }
  }

  @Override
  public synchronized void apply(ProxySnapshot snapshot) {
    Map<ListenKey, Route> desired = desiredListeners(snapshot, nodeIps);
    Set<ServicePortName> ports = snapshot.servicePorts().stream().map(ServicePortInfo::name).collect(Collectors.toSet());
    affinity.keySet().retainAll(ports);
    reapExpiredAffinity(snapshot);

    closeUnwanted(tcp, desired);
    closeUnwanted(udp, desired);
    failedBinds.retainAll(desired.keySet());
    List<ListenKey> bound = new ArrayList<>();
    for (Map.Entry<ListenKey, Route> e : desired.entrySet()) {
      ListenKey key = e.getKey();
      Route route = e.getValue();
      if (key.protocol().equals("TCP")) {
        TcpListener existing = tcp.get(key);
        if (existing != null) {
          existing.update(route);
          continue;
        }
        TcpListener listener = new TcpListener(key, route, transport, this::pick, sources, metrics);
        if (bind(key, listener::bind, route)) {
          tcp.put(key, listener);
          bound.add(key);
        }
      } else {
        UdpListener existing = udp.get(key);
        if (existing != null) {
          existing.update(route);
          continue;
        }
        UdpListener listener = new UdpListener(key, route, transport, this::pick, sources, metrics, udpIdleTimeout);
        if (bind(key, listener::bind, route)) {
          udp.put(key, listener);
          bound.add(key);
        }
      }
    }
    if (!bound.isEmpty()) log.info("listening on {}", bound);
    metrics.listeners("TCP", tcp.size());
    metrics.listeners("UDP", udp.size());
  }

  private interface Binder {
    void bind() throws Exception;
  }

  private boolean bind(ListenKey key, Binder binder, Route route) {
    try {
      binder.bind();
      if (failedBinds.remove(key)) log.info("{} for {} bound after earlier failures", key, route.service());
      return true;
    } catch (Exception e) {
      if (failedBinds.add(key)) {
        log.warn("cannot listen on {} for {}: {} (retrying on each sync)", key, route.service(), e.toString());
      }
      return false;
    }
  }

  private static <L extends AutoCloseable> void closeUnwanted(Map<ListenKey, L> listeners, Map<ListenKey, Route> desired) {
    listeners.entrySet().removeIf(e -> {
      if (desired.containsKey(e.getKey())) return false;
      try {
        e.getValue().close();
      } catch (Exception ex) {
        log.warn("closing {}: {}", e.getKey(), ex.toString());
      }
      log.info("stopped listening on {}", e.getKey());
      return true;
    });
  }

  /** Forgets clients whose affinity timed out, and every entry of ports that turned affinity off. */
  private void reapExpiredAffinity(ProxySnapshot snapshot) {
    java.time.Instant now = clock.instant();
    for (ServicePortInfo port : snapshot.servicePorts()) {
      Map<String, EndpointSelector.Affinity> table = affinity.get(port.name());
      if (table == null) continue;
      if (!port.clientIpAffinity()) {
        affinity.remove(port.name());
      } else {
        table.values().removeIf(a -> now.isAfter(a.lastUsed().plus(port.affinityTimeout())));
      }
    }
  }

  /** Affinity lookup + {@link EndpointSelector#choose}; called on event-loop threads. */
  Endpoint pick(Route route, String clientIp, Set<String> exclude) {
    List<Endpoint> candidates = route.candidates();
    if (!exclude.isEmpty()) {
      candidates = candidates.stream().filter(e -> !exclude.contains(e.address())).toList();
    }
    ServicePortInfo port = route.port();
    if (!port.clientIpAffinity()) {
      return EndpointSelector.choose(candidates, null, null, clock.instant(), ThreadLocalRandom.current()::nextInt).endpoint();
    }
    Map<String, EndpointSelector.Affinity> table = affinity.computeIfAbsent(port.name(), k -> new ConcurrentHashMap<>());
    // compute() serialises the decision per client, so concurrent first connections agree
    EndpointSelector.Choice[] choice = new EndpointSelector.Choice[1];
    List<Endpoint> finalCandidates = candidates;
    table.compute(clientIp, (ip, existing) -> {
      choice[0] = EndpointSelector.choose(finalCandidates, port.affinityTimeout(), existing, clock.instant(),
          bound -> EndpointSelector.rendezvousIndex(clientIp, finalCandidates));
      return choice[0].affinity() != null ? choice[0].affinity() : existing;
    });
    return choice[0].endpoint();
  }

  public synchronized int listenerCount() {
    return tcp.size() + udp.size();
  }

  @Override
  public synchronized void close() {
    tcp.values().forEach(TcpListener::close);
    udp.values().forEach(UdpListener::close);
    tcp.clear();
    udp.clear();
    transport.close();
  }
}
