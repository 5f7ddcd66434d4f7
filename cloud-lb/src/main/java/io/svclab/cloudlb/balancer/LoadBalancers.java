package io.svclab.cloudlb.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.svclab.cloudlb.CloudLbMetrics;
import io.svclab.net.forward.NettyTransport;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's load balancers: per Service, one Netty listener on {@code ip:port} for each
 * TCP or UDP Service port, forwarding to the hosts' NodePorts. {@link #ensure} converges a
 * Service's balancer on a spec and host list, keeping listeners whose port is unchanged
 * (their route is swapped in place; open connections are not touched).
 */
public final class LoadBalancers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LoadBalancers.class);

  /** What {@link #ensure} changed. */
  public enum Change { UNCHANGED, CREATED, RECONFIGURED, HOSTS, ENDPOINTS }

  private record Listener(BalancerSpec.PortSpec port, Channel channel, AtomicReference<Route> route) {}

  private static final class Running {
    BalancerSpec spec;
    List<NodeTarget> hosts;
    Map<String, List<InetSocketAddress>> direct;
    final Map<String, Listener> listeners = new HashMap<>();
  }

  private final NettyTransport transport = new NettyTransport(Math.max(2, Runtime.getRuntime().availableProcessors()));
  private final EventLoopGroup boss = transport.boss;
  private final EventLoopGroup workers = transport.workers;
  private final HealthChecks health;
  private final CloudLbMetrics metrics;
  private final Map<String, Running> running = new HashMap<>();

  public LoadBalancers(HealthChecks health, CloudLbMetrics metrics) {
    this.health = health;
    this.metrics = metrics;
  }

  /** Whether the Service's balancer runs exactly this spec (the hosts aside). */
  public synchronized boolean runs(BalancerSpec spec) {
    Running r = running.get(spec.key());
    return r != null && r.spec.equals(spec);
  }

  public synchronized Change ensure(BalancerSpec spec, List<NodeTarget> hosts) {
    return ensure(spec, hosts, Map.of());
  }

  /**
   * @param direct per {@code port/protocol} without a NodePort, the endpoints to send to
   */
  public synchronized Change ensure(BalancerSpec spec, List<NodeTarget> hosts,
      Map<String, List<InetSocketAddress>> direct) {
    Running r = running.get(spec.key());
    if (r != null && r.spec.equals(spec) && r.hosts.equals(hosts) && r.direct.equals(direct)) {
      return Change.UNCHANGED;
    }
    boolean hostsChanged = r != null && !r.hosts.equals(hosts);
    if (r != null && !r.spec.ip().equals(spec.ip())) {
      closeListeners(r);
      running.remove(spec.key());
      r = null;
    }
    boolean created = r == null;
    boolean reconfigured = r != null && !r.spec.equals(spec);
    if (r == null) {
      r = new Running();
      running.put(spec.key(), r);
    }
    Set<String> wanted = new HashSet<>();
    try {
      for (BalancerSpec.PortSpec p : spec.ports()) {
        if (!"TCP".equals(p.protocol()) && !"UDP".equals(p.protocol())) {
          log.warn("{}: port {}/{} not balanced: only TCP and UDP are supported", spec.key(), p.port(), p.protocol());
          continue;
        }
        String id = p.port() + "/" + p.protocol();
        wanted.add(id);
        Route route = new Route(spec, p.nodePort(), hosts, direct.getOrDefault(id, List.of()));
        Listener l = r.listeners.get(id);
        if (l != null) {
          l.route().set(route);
        } else {
          r.listeners.put(id, "UDP".equals(p.protocol()) ? bindUdp(spec.ip(), p, route) : bind(spec.ip(), p, route));
        }
      }
    } finally {
      r.spec = spec;
      r.hosts = hosts;
      r.direct = direct;
      r.listeners.entrySet().removeIf(e -> {
        if (wanted.contains(e.getKey())) return false;
        close(e.getValue());
        return true;
      });
      refreshHealthTargets();
    }
    log.info("{}: balancer on {} ports {} -> {} hosts{}", spec.key(), spec.ip(),
        r.listeners.keySet(), hosts.size(), spec.local() ? " (externalTrafficPolicy Local)" : "");
    return created ? Change.CREATED : reconfigured ? Change.RECONFIGURED
        : hostsChanged ? Change.HOSTS : Change.ENDPOINTS;
  }

  private Listener bind(String ip, BalancerSpec.PortSpec port, Route route) {
    AtomicReference<Route> ref = new AtomicReference<>(route);
    AtomicLong turns = new AtomicLong();
    ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(transport.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new TcpForwarder(new Forwarding(ref, turns, health::isHealthy, transport, metrics)));
          }
        });
    var future = b.bind(ip, port.port()).awaitUninterruptibly();
    if (!future.isSuccess()) {
      Throwable c = future.cause();
      throw new IllegalStateException("listen tcp " + ip + ":" + port.port() + ": " + (c == null ? "failed" : c.getMessage()), c);
    }
    return new Listener(port, future.channel(), ref);
  }

  private Listener bindUdp(String ip, BalancerSpec.PortSpec port, Route route) {
    AtomicReference<Route> ref = new AtomicReference<>(route);
    AtomicLong turns = new AtomicLong();
    Bootstrap b = new Bootstrap().group(workers).channel(transport.datagramChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .handler(new UdpForwarder(new Forwarding(ref, turns, health::isHealthy, transport, metrics)));
    var future = b.bind(ip, port.port()).awaitUninterruptibly();
    if (!future.isSuccess()) {
      Throwable c = future.cause();
      throw new IllegalStateException("listen udp " + ip + ":" + port.port() + ": " + (c == null ? "failed" : c.getMessage()), c);
    }
    return new Listener(port, future.channel(), ref);
  }

  /** Closes the Service's listeners; returns whether it had a balancer. */
  public synchronized boolean remove(String key) {
    Running r = running.remove(key);
    if (r == null) return false;
    closeListeners(r);
    refreshHealthTargets();
    log.info("{}: balancer on {} closed", key, r.spec.ip());
    return true;
  }

  public synchronized Set<String> keys() {
    return Set.copyOf(running.keySet());
  }

  public synchronized void removeAll() {
    for (String key : Set.copyOf(running.keySet())) {
      remove(key);
    }
  }

  private void closeListeners(Running r) {
    r.listeners.values().forEach(this::close);
    r.listeners.clear();
  }

  private void close(Listener l) {
    l.channel().close().awaitUninterruptibly(1, TimeUnit.SECONDS);
  }

  private void refreshHealthTargets() {
    Set<HealthChecks.Target> targets = new HashSet<>();
    int listening = 0;
    for (Running r : running.values()) {
      listening += r.listeners.size();
      if (r.spec.local() && r.spec.healthCheckNodePort() > 0) {
        r.hosts.forEach(h -> targets.add(new HealthChecks.Target(h.address(), r.spec.healthCheckNodePort())));
      }
    }
    health.watch(targets);
    metrics.balancers(running.size(), listening);
  }

  @Override
  public void close() {
    removeAll();
    transport.close();
  }
}
