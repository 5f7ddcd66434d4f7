package io.svclab.cloudlb.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import io.svclab.net.forward.UdpFlows;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * UDP on one {@code ip:port}: each client address gets a session, a datagram socket
 * connected to one node's NodePort (chosen round-robin when the session opens); replies
 * go back to the client from the listener's address. Sessions idle for
 * {@link #SESSION_IDLE} are closed. Runs on the listener's event loop only.
 */
final class UdpForwarder extends SimpleChannelInboundHandler<DatagramPacket> {
  static final Duration SESSION_IDLE = Duration.ofSeconds(30);

  private final Forwarding forwarding;
  private final UdpFlows<InetSocketAddress> sessions = new UdpFlows<>();
  private ScheduledFuture<?> reaper;

  UdpForwarder(Forwarding forwarding) {
    super(false);
    this.forwarding = forwarding;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    Route r = forwarding.route().get();
    String service = r.spec().key();
    InetSocketAddress client = packet.sender();
    if (!r.spec().allows(client)) {
      forwarding.metrics().refused(service);
      packet.release();
      return;
    }
    forwarding.metrics().bytes(service, "in", packet.content().readableBytes());
    UdpFlows.Flow<InetSocketAddress> session = sessions.live(client);
    if (session != null) {
      session.channel().writeAndFlush(new DatagramPacket(packet.content(), session.target()));
      return;
    }
    List<InetSocketAddress> candidates = forwarding.candidates(r);
    if (candidates.isEmpty()) {
      forwarding.metrics().connection(service, "no_backend");
      packet.release();
      return;
    }
    Channel listener = ctx.channel();
    Bootstrap b = new Bootstrap().group(listener.eventLoop()).channel(forwarding.transport().datagramChannel())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new SimpleChannelInboundHandler<DatagramPacket>(false) {
              @Override
              protected void channelRead0(ChannelHandlerContext c, DatagramPacket reply) {
                sessions.touch(client);
                forwarding.metrics().bytes(service, "out", reply.content().readableBytes());
                listener.writeAndFlush(new DatagramPacket(reply.content(), client));
              }
            });
          }
        });
    InetSocketAddress node = candidates.get(0);
    Channel ch = b.connect(node).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        forwarding.metrics().connection(service, "forwarded");
        f.channel().writeAndFlush(new DatagramPacket(packet.content(), node));
      } else {
        forwarding.metrics().connection(service, "backend_failed");
        packet.release();
      }
    }).channel();
    sessions.open(client, ch, node, () -> {});
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    reaper = sessions.closeIdleEvery(ctx.channel().eventLoop(), SESSION_IDLE);
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (reaper != null) reaper.cancel(false);
    sessions.closeAll();
    ctx.fireChannelInactive();
  }
}
