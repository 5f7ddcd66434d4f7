package io.svclab.cloudlb.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.svclab.net.forward.ChannelEnds;
import io.svclab.net.forward.Relay;
import io.svclab.net.forward.RelayErrors;
import io.svclab.net.forward.RetryingConnect;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * One client connection: checks the source range, connects to a node's NodePort (trying
 * the next one if a connect fails, {@link RetryingConnect}) and then hands the bytes to a
 * {@link Relay} per direction (auto-read with back-pressure from the other side's write
 * buffer). An error closes both sides once flushed ({@link RelayErrors#closeBoth}).
 */
final class TcpForwarder extends ChannelInboundHandlerAdapter {
  private final Forwarding forwarding;
  private String service = "";
  private boolean admitted;
  private boolean preserveClientIp;

  TcpForwarder(Forwarding forwarding) {
    this.forwarding = forwarding;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Route r = forwarding.route().get();
    service = r.spec().key();
    InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
    if (!r.spec().allows(client)) {
      forwarding.metrics().refused(service);
      ctx.close();
      return;
    }
    List<InetSocketAddress> candidates = forwarding.candidates(r);
    if (candidates.isEmpty()) {
      forwarding.metrics().connection(service, "no_backend");
      ctx.close();
      return;
    }
    preserveClientIp = r.spec().local();
    admitted = true;
    forwarding.metrics().active(service, 1);
    connect(ctx, candidates);
  }

  private void connect(ChannelHandlerContext ctx, List<InetSocketAddress> candidates) {
    Channel inbound = ctx.channel();
    RetryingConnect.start(inbound, candidates.size(),
        tried -> tried.size() < candidates.size() ? candidates.get(tried.size()) : null,
        node -> dial(inbound, node),
        new RetryingConnect.Outcome<InetSocketAddress>() {
          @Override
          public void connected(InetSocketAddress node, Channel outbound) {
            forwarding.metrics().connection(service, "forwarded");
            inbound.pipeline().addLast(new Relay(outbound, forwarding.metrics().bytesCounter(service, "in"), RelayErrors.closeBoth()));
            inbound.config().setAutoRead(true);
            outbound.config().setAutoRead(true);
          }

          @Override
          public void gaveUp(List<InetSocketAddress> tried) {
            forwarding.metrics().connection(service, "backend_failed");
            inbound.close();
          }
        });
  }

  private ChannelFuture dial(Channel inbound, InetSocketAddress node) {
    Bootstrap b = new Bootstrap().group(inbound.eventLoop()).channel(forwarding.transport().socketChannel())
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new Relay(inbound, forwarding.metrics().bytesCounter(service, "out"), RelayErrors.closeBoth()));
    // externalTrafficPolicy Local promises the client's own source address at the node. A
    // proxy cannot forward the packet as it is, but on loopback every 127/8 address is
    // local, so the upstream socket can be bound to the client's own IP (the local lab).
    InetSocketAddress client = (InetSocketAddress) inbound.remoteAddress();
    boolean preserve = preserveClientIp && client.getAddress().isLoopbackAddress();
    return preserve ? b.connect(node, new InetSocketAddress(client.getAddress(), 0)) : b.connect(node);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (admitted) {
      admitted = false;
      forwarding.metrics().active(service, -1);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ChannelEnds.closeOnFlush(ctx.channel());
  }
}
