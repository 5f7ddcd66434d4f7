package io.svclab.cloudlb.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.svclab.cloudlb.CloudLbMetrics;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;

/**
 * UDP on one {@code ip:port}: each client address gets a session, a datagram socket
 * connected to one node's NodePort (chosen round-robin when the session opens); replies
 * go back to the client from the listener's address. Sessions idle for
 * {@link #SESSION_IDLE_SECONDS} are closed. Runs on the listener's event loop only.
 */
final class UdpForwarder extends SimpleChannelInboundHandler<DatagramPacket> {
  static final int SESSION_IDLE_SECONDS = 30;

  private final AtomicReference<Route> route;
  private final AtomicLong turns;
  private final BiPredicate<String, Integer> healthy;
  private final Transport transport;
  private final CloudLbMetrics metrics;
  private final Map<InetSocketAddress, Channel> sessions = new HashMap<>();

  UdpForwarder(AtomicReference<Route> route, AtomicLong turns, BiPredicate<String, Integer> healthy,
      Transport transport, CloudLbMetrics metrics) {
    super(false);
    this.route = route;
    this.turns = turns;
    this.healthy = healthy;
    this.transport = transport;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    Route r = route.get();
    String service = r.spec().key();
    InetSocketAddress client = packet.sender();
    byte[] raw = client.getAddress().getAddress();
    if (raw.length == 4) {
      long addr = ((raw[0] & 255L) << 24) | ((raw[1] & 255L) << 16) | ((raw[2] & 255L) << 8) | (raw[3] & 255L);
      if (!r.spec().allows(addr)) {
        metrics.refused(service);
        packet.release();
        return;
      }
    }
    metrics.bytes(service, "in", packet.content().readableBytes());
    Channel session = sessions.get(client);
    if (session != null && session.isActive()) {
      session.writeAndFlush(packet.content());
      return;
    }
    List<InetSocketAddress> candidates = r.candidates(turns.getAndIncrement(), healthy);
    if (candidates.isEmpty()) {
      metrics.connection(service, "no_backend");
      packet.release();
      return;
    }
    Channel listener = ctx.channel();
    Bootstrap b = new Bootstrap().group(listener.eventLoop()).channel(transport.datagramChannel())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new IdleStateHandler(0, 0, SESSION_IDLE_SECONDS, TimeUnit.SECONDS));
            ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>(false) {
              @Override
              protected void channelRead0(ChannelHandlerContext c, DatagramPacket reply) {
                metrics.bytes(service, "out", reply.content().readableBytes());
                listener.writeAndFlush(new DatagramPacket(reply.content(), client));
              }

              @Override
              public void userEventTriggered(ChannelHandlerContext c, Object evt) {
                if (evt instanceof IdleStateEvent) c.close();
              }
            });
          }
        });
    Channel ch = b.connect(candidates.get(0)).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        metrics.connection(service, "forwarded");
        f.channel().writeAndFlush(packet.content());
      } else {
        metrics.connection(service, "backend_failed");
        packet.release();
      }
    }).channel();
    sessions.put(client, ch);
    ch.closeFuture().addListener(f -> sessions.remove(client, ch));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    List.copyOf(sessions.values()).forEach(Channel::close);
  }
}
