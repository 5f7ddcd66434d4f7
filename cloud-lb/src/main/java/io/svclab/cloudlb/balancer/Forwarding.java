package io.svclab.cloudlb.balancer;

import io.svclab.cloudlb.CloudLbMetrics;
import io.svclab.net.forward.NettyTransport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;

/**
 * What a TCP or UDP listener of one Service port forwards with: its current route (swapped when
 * the Service or the nodes change), the round-robin counter, the health checks, the transport
 * and the metrics.
 */
record Forwarding(AtomicReference<Route> route, AtomicLong turns, BiPredicate<String, Integer> healthy,
    NettyTransport transport, CloudLbMetrics metrics) {
  /** The nodes to try for the next connection or session, in order. */
  List<InetSocketAddress> candidates(Route r) {
    return r.candidates(turns.getAndIncrement(), healthy);
  }
}
