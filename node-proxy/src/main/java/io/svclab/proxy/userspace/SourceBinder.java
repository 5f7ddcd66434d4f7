package io.svclab.proxy.userspace;

import io.svclab.net.ip.Ipv4Prefix;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.svclab.proxy.snapshot.Endpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds an upstream socket (before its connect) to the source address {@link
 * SourceAddressPolicy} chose: the client's own address, or this node's. A client-address bind
 * that fails falls back to the node address, and a node-address bind that fails leaves the
 * kernel to choose; each kind of failure is logged once per process, not per connection.
 */
final class SourceBinder {
  private static final Logger log = LoggerFactory.getLogger(SourceBinder.class);

  private final String nodeIp;
  private final Ipv4Prefix clusterCidr;
  private final AtomicBoolean clientBindFailed = new AtomicBoolean();
  private final AtomicBoolean nodeBindFailed = new AtomicBoolean();

  /**
   * @param nodeIp      the address masqueraded traffic carries (null: let the kernel choose)
   * @param clusterCidr the pod network, null when not configured
   */
  SourceBinder(String nodeIp, Ipv4Prefix clusterCidr) {
    this.nodeIp = nodeIp;
    this.clusterCidr = clusterCidr;
  }

  SourceAddressPolicy.Source decide(Route route, String clientIp, Endpoint endpoint) {
    return SourceAddressPolicy.decide(route.traffic(), route.port().externalPolicyLocal(), clientIp, endpoint.ip(),
        clusterCidr);
  }

  /** Binds {@code ch} for a connection from {@code clientIp} to {@code endpoint}; the future always succeeds. */
  ChannelFuture bind(Channel ch, Route route, String clientIp, Endpoint endpoint) {
    ChannelPromise bound = ch.newPromise();
    if (decide(route, clientIp, endpoint) == SourceAddressPolicy.Source.CLIENT) {
      ch.bind(new InetSocketAddress(clientIp, 0)).addListener((ChannelFutureListener) f -> {
        if (f.isSuccess()) {
          bound.setSuccess();
          return;
        }
        if (clientBindFailed.compareAndSet(false, true)) {
          log.warn("{} cannot use the client's address {} as source ({}); using the node address"
              + " (logged once)", route.service(), clientIp, f.cause().toString());
        }
        bindNode(ch, route, bound);
      });
    } else {
      bindNode(ch, route, bound);
    }
    return bound;
  }

  private void bindNode(Channel ch, Route route, ChannelPromise bound) {
    if (nodeIp == null) {
      bound.setSuccess();
      return;
    }
    ch.bind(new InetSocketAddress(nodeIp, 0)).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess() && nodeBindFailed.compareAndSet(false, true)) {
        log.warn("{} cannot use the node address {} as source ({}); the kernel chooses (logged once)",
            route.service(), nodeIp, f.cause().toString());
      }
      bound.setSuccess();
    });
  }
}
