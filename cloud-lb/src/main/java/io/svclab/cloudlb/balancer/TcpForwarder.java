package io.svclab.cloudlb.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.svclab.cloudlb.CloudLbMetrics;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;

/**
 * One client connection: checks the source range, connects to a node's NodePort (trying
 * the next one if a connect fails) and then hands the bytes to a {@link Relay} per direction
 * (auto-read with back-pressure from the other side's write buffer).
 */
final class TcpForwarder extends ChannelInboundHandlerAdapter {
  private final AtomicReference<Route> route;
  private final AtomicLong turns;
  private final BiPredicate<String, Integer> healthy;
  private final Transport transport;
  private final CloudLbMetrics metrics;
  private String service = "";
  private boolean admitted;
  private boolean preserveClientIp;

  TcpForwarder(AtomicReference<Route> route, AtomicLong turns, BiPredicate<String, Integer> healthy,
      Transport transport, CloudLbMetrics metrics) {
    this.route = route;
    this.turns = turns;
    this.healthy = healthy;
    this.transport = transport;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Route r = route.get();
    service = r.spec().key();
    InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
    byte[] raw = client.getAddress().getAddress();
    if (raw.length == 4) {
      long addr = ((raw[0] & 255L) << 24) | ((raw[1] & 255L) << 16) | ((raw[2] & 255L) << 8) | (raw[3] & 255L);
      if (!r.spec().allows(addr)) {
        metrics.refused(service);
        ctx.close();
        return;
      }
    }
    List<InetSocketAddress> candidates = r.candidates(turns.getAndIncrement(), healthy);
    if (candidates.isEmpty()) {
      metrics.connection(service, "no_backend");
      ctx.close();
      return;
    }
    preserveClientIp = r.spec().local();
    admitted = true;
    metrics.active(service, 1);
    connect(ctx, candidates, 0);
  }

  private void connect(ChannelHandlerContext ctx, List<InetSocketAddress> candidates, int i) {
    Channel inbound = ctx.channel();
    Bootstrap b = new Bootstrap().group(inbound.eventLoop()).channel(transport.clientChannel())
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new Relay(inbound, metrics.bytesCounter(service, "out")));
    // externalTrafficPolicy Local promises the client's own source address at the node. A
    // proxy cannot forward the packet as it is, but on loopback every 127/8 address is
    // local, so the upstream socket can be bound to the client's own IP (the local lab).
    InetSocketAddress client = (InetSocketAddress) inbound.remoteAddress();
    boolean preserve = preserveClientIp && client.getAddress().isLoopbackAddress();
    var connecting = preserve
        ? b.connect(candidates.get(i), new InetSocketAddress(client.getAddress(), 0))
        : b.connect(candidates.get(i));
    connecting.addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        Channel outbound = f.channel();
        metrics.connection(service, "forwarded");
        if (!inbound.isActive()) {
          outbound.close();
          return;
        }
        inbound.pipeline().addLast(new Relay(outbound, metrics.bytesCounter(service, "in")));
        inbound.config().setAutoRead(true);
        outbound.config().setAutoRead(true);
      } else if (i + 1 < candidates.size() && inbound.isActive()) {
        connect(ctx, candidates, i + 1);
      } else {
        metrics.connection(service, "backend_failed");
        inbound.close();
      }
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (admitted) {
      admitted = false;
      metrics.active(service, -1);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Relay.closeOnFlush(ctx.channel());
  }
}
