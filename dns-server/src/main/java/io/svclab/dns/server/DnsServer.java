package io.svclab.dns.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP and TCP on one address (Netty). Answers are computed on the event loop: they are
 * in-memory lookups; only forwarded queries leave it, and their replies come back to it.
 * On Linux (epoll) UDP is {@code udpSockets} sockets bound to the same address with
 * SO_REUSEPORT, one per event loop thread, so the kernel spreads clients over the cores
 * instead of one thread reading every packet; elsewhere one NIO socket.
 * A bad packet costs one FORMERR (or nothing); a handler failure is logged and the channel
 * stays up. TCP connections close after {@code idleTimeout} without traffic, and beyond
 * {@code maxConnections} new ones are closed at once.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);

  /** The largest UDP query read whole (with recvmmsg, every datagram gets this much room). */
  static final int MAX_UDP_QUERY = 4096;

  private final QueryCodec codec;
  private final Upstream upstream;
  private final DnsMetrics metrics;
  private final Duration idleTimeout;
  private final int maxConnections;
  private final AtomicInteger connections = new AtomicInteger();
  private EventLoopGroup udpGroup;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private final int udpSockets;
  private final List<Channel> udp = new ArrayList<>();
  private Channel tcp;

  public DnsServer(QueryCodec codec, Upstream upstream, DnsMetrics metrics, Duration idleTimeout, int maxConnections) {
    this(codec, upstream, metrics, idleTimeout, maxConnections, Runtime.getRuntime().availableProcessors());
  }

  /** @param udpSockets UDP sockets (and threads) with SO_REUSEPORT where epoll is available */
  public DnsServer(QueryCodec codec, Upstream upstream, DnsMetrics metrics, Duration idleTimeout, int maxConnections,
      int udpSockets) {
    this.codec = codec;
    this.upstream = upstream;
    this.metrics = metrics;
    this.idleTimeout = idleTimeout;
    this.maxConnections = maxConnections;
    this.udpSockets = Math.max(1, udpSockets);
  }

  /** Binds UDP and TCP on {@code address} (port 0: the same free port for both, see {@link #port()}). */
  public DnsServer start(InetSocketAddress address) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    int sockets = epoll ? udpSockets : 1;
    udpGroup = epoll ? new EpollEventLoopGroup(sockets) : new NioEventLoopGroup(1);
    bossGroup = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    workerGroup = epoll ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
    ServerBootstrap tcpBoot = new ServerBootstrap().group(bossGroup, workerGroup)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(
                new ConnectionCap(),
                new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS),
                new LengthFieldBasedFrameDecoder(QueryCodec.MAX_TCP + 2, 0, 2, 0, 2),
                new LengthFieldPrepender(2),
                new TcpQueries());
          }
        });
    tcp = tcpBoot.bind(address).sync().channel();
    int port = ((InetSocketAddress) tcp.localAddress()).getPort();
    Bootstrap udpBoot = new Bootstrap().group(udpGroup)
        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
        .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
        .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
        .handler(new UdpQueries());
    if (epoll) {
      // recvmmsg: up to 16 queries per read system call (a query longer than 4 KiB is cut, so FORMERR)
      udpBoot.option(EpollChannelOption.SO_REUSEPORT, true)
          .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_UDP_QUERY)
          .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_UDP_QUERY * 16));
    }
    for (int i = 0; i < sockets; i++) { // each bind takes the next event loop of the group
      udp.add(udpBoot.bind(new InetSocketAddress(address.getAddress(), port)).sync().channel());
    }
    log.info("dns-server listening on {}:{} (UDP: {} {} socket(s); TCP)", address.getAddress().getHostAddress(), port,
        sockets, epoll ? "epoll SO_REUSEPORT" : "NIO");
    return this;
  }

  public int port() {
    return ((InetSocketAddress) tcp.localAddress()).getPort();
  }

  public int tcpConnections() {
    return connections.get();
  }

  private static byte[] bytes(ByteBuf buf) {
    return ByteBufUtil.getBytes(buf);
  }

  private static boolean v6(Object address) {
    return address instanceof InetSocketAddress a && a.getAddress() instanceof Inet6Address;
  }

  @ChannelHandler.Sharable
  private final class UdpQueries extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      long started = System.nanoTime();
      InetSocketAddress sender = packet.sender();
      QueryCodec.Result result = codec.handle(bytes(packet.content()), QueryCodec.Transport.UDP);
      if (result instanceof QueryCodec.Respond r) {
        send(ctx, r, sender, started);
      } else if (result instanceof QueryCodec.Forward f) {
        upstream.forward(f.query()).whenComplete((reply, error) -> ctx.channel().eventLoop().execute(() ->
            sendNow(ctx, codec.fromUpstream(f.query(), error == null ? reply : null, QueryCodec.Transport.UDP),
                sender, started)));
      }
    }

    private void send(ChannelHandlerContext ctx, QueryCodec.Respond r, InetSocketAddress to, long started) {
      // written now, flushed once per read batch (channelReadComplete): one sendmmsg for many replies
      ctx.write(new DatagramPacket(Unpooled.wrappedBuffer(r.wire()), to), ctx.voidPromise());
      metrics.observe(r, QueryCodec.Transport.UDP, v6(to), started);
    }

    private void sendNow(ChannelHandlerContext ctx, QueryCodec.Respond r, InetSocketAddress to, long started) {
      send(ctx, r, to, started);
      ctx.flush();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("udp: {}", cause.toString()); // never close a UDP socket: it serves every client
    }
  }

  private final class TcpQueries extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      long started = System.nanoTime();
      QueryCodec.Result result = codec.handle(bytes(frame), QueryCodec.Transport.TCP);
      if (result instanceof QueryCodec.Respond r) {
        send(ctx, r, started);
      } else if (result instanceof QueryCodec.Forward f) {
        upstream.forward(f.query()).whenComplete((reply, error) -> ctx.channel().eventLoop().execute(() ->
            send(ctx, codec.fromUpstream(f.query(), error == null ? reply : null, QueryCodec.Transport.TCP), started)));
      }
    }

    private void send(ChannelHandlerContext ctx, QueryCodec.Respond r, long started) {
      if (ctx.channel().isActive()) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(r.wire()), ctx.voidPromise());
      }
      metrics.observe(r, QueryCodec.Transport.TCP, v6(ctx.channel().remoteAddress()), started);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("tcp {}: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close(); // a broken frame or a reset: this connection only
    }
  }

  @ChannelHandler.Sharable
  private final class ConnectionCap extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      if (connections.incrementAndGet() > maxConnections) {
        ctx.close();
        return;
      }
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      connections.decrementAndGet();
      super.channelInactive(ctx);
    }
  }

  @Override
  public void close() {
    udp.forEach(c -> c.close().syncUninterruptibly());
    if (tcp != null) tcp.close().syncUninterruptibly();
    for (EventLoopGroup g : new EventLoopGroup[] {udpGroup, bossGroup, workerGroup}) {
      if (g != null) g.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS);
    }
  }
}
