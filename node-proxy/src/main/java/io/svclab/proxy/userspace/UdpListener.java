package io.svclab.proxy.userspace;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import io.svclab.net.forward.UdpFlows;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.snapshot.Endpoint;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP socket (SO_REUSEPORT). Each client address gets a flow: a connected socket to one
 * endpoint, carrying datagrams both ways, closed after {@code idleTimeout} without traffic or
 * when its endpoint disappears. No usable endpoint: datagrams are dropped.
 */
final class UdpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UdpListener.class);

  final ListenKey key;
  private final Transport transport;
  private final Picker picker;
  private final SourceBinder sources;
  private final ProxyMetrics metrics;
  private final Duration idleTimeout;
  private final UdpFlows<Endpoint> flows = new UdpFlows<>();
  private volatile Route route;
  private Channel server;
  private ScheduledFuture<?> reaper;

  UdpListener(ListenKey key, Route route, Transport transport, Picker picker, SourceBinder sources,
      ProxyMetrics metrics, Duration idleTimeout) {
    this.key = key;
    this.route = route;
    this.transport = transport;
    this.picker = picker;
    this.sources = sources;
    this.metrics = metrics;
    this.idleTimeout = idleTimeout;
  }

  void bind() throws InterruptedException {
    Bootstrap b = transport.reusePort(new Bootstrap()).group(transport.workers).channel(transport.datagramChannel())
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            onPacket(packet);
          }
        });
    server = b.bind(new InetSocketAddress(key.ip(), key.port())).sync().channel();
    reaper = flows.closeIdleEvery(server.eventLoop(), idleTimeout);
  }

  private void onPacket(DatagramPacket packet) {
    InetSocketAddress client = packet.sender();
    UdpFlows.Flow<Endpoint> flow = flows.live(client);
    Route r = route;
    if (flow != null) {
      metrics.bytes(r.service(), true, packet.content().readableBytes());
      flow.channel().writeAndFlush(new DatagramPacket(packet.content().retain(), endpointAddress(flow.target())));
      return;
    }
    Endpoint endpoint = picker.pick(r, client.getAddress().getHostAddress(), Set.of());
    if (endpoint == null) {
      metrics.rejected(r.service());
      return;
    }
    String service = r.service();
    Channel serverChannel = server;
    Bootstrap b = new Bootstrap().group(server.eventLoop()).channel(transport.datagramChannel())
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
            flows.touch(client);
            metrics.bytes(service, false, reply.content().readableBytes());
            serverChannel.writeAndFlush(new DatagramPacket(reply.content().retain(), client));
          }
        });
    io.netty.channel.ChannelFuture registered = b.register();
    Channel ch = registered.channel();
    flows.open(client, ch, endpoint, () -> metrics.closed(service));
    metrics.opened(service);
    io.netty.buffer.ByteBuf first = packet.content().retain();
    metrics.bytes(service, true, first.readableBytes());
    // the flow's source address is the client's or the node's, as for TCP
    registered.addListener((ChannelFutureListener) reg -> sources.bind(ch, r, client.getAddress().getHostAddress(), endpoint)
        .addListener((ChannelFutureListener) bound -> ch.connect(endpointAddress(endpoint)).addListener((ChannelFutureListener) f -> {
          if (f.isSuccess()) {
            ch.writeAndFlush(new DatagramPacket(first, endpointAddress(endpoint)));
          } else {
            first.release();
            log.info("{} UDP flow from {} to {} failed: {}", service, client, endpoint, f.cause().toString());
            ch.close();
          }
        })));
  }

  private static InetSocketAddress endpointAddress(Endpoint e) {
    return new InetSocketAddress(e.ip(), e.port());
  }

  void update(Route next) {
    route = next;
    flows.closeIf(endpoint -> !next.existing().contains(endpoint.address()));
  }

  int openFlows() {
    return flows.size();
  }

  @Override
  public void close() {
    if (reaper != null) reaper.cancel(false);
    if (server != null) server.close().awaitUninterruptibly(1000);
    flows.closeAll();
  }
}
