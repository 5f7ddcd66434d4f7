package io.svclab.proxy.userspace;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.snapshot.Endpoint;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP listening socket (SO_REUSEPORT) relaying each accepted connection to an endpoint.
 * Bytes move through a {@link Relay} per direction (paced by the other side's write buffer). No usable endpoint:
 * the connection is reset at once (SO_LINGER 0), so clients fail fast instead of hanging.
 */
final class TcpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
  static final int CONNECT_TIMEOUT_MILLIS = 1000;
  static final int CONNECT_ATTEMPTS = 3;

  final ListenKey key;
  private final Transport transport;
  private final Picker picker;
  private final SourceBinder sources;
  private final ProxyMetrics metrics;
  private final Map<Channel, Endpoint> connections = new ConcurrentHashMap<>();
  private volatile Route route;
  private Channel server;

  TcpListener(ListenKey key, Route route, Transport transport, Picker picker, SourceBinder sources,
      ProxyMetrics metrics) {
    this.key = key;
    this.route = route;
    this.transport = transport;
    this.picker = picker;
    this.sources = sources;
    this.metrics = metrics;
  }

  void bind() throws InterruptedException {
    ServerBootstrap b = transport.reusePort(new ServerBootstrap())
        .group(transport.boss, transport.workers)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new Frontend());
          }
        });
    server = b.bind(new InetSocketAddress(key.ip(), key.port())).sync().channel();
  }

  /** New connections follow {@code next}; open ones to endpoints that no longer exist are closed. */
  void update(Route next) {
    route = next;
    connections.forEach((client, endpoint) -> {
      if (!next.existing().contains(endpoint.address())) {
        log.info("{} endpoint {} removed: closing connection from {}", next.service(), endpoint, client.remoteAddress());
        client.close();
      }
    });
  }

  int openConnections() {
    return connections.size();
  }

  @Override
  public void close() {
    if (server != null) server.close().awaitUninterruptibly(1000);
    connections.keySet().forEach(Channel::close);
  }

  static void reset(Channel ch) {
    try {
      ch.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException e) {
      // already closed
    }
    ch.close();
  }

  /**
   * Client side until the endpoint connection is up: picks the endpoint and connects (retrying
   * others), then hands both channels to a {@link Relay} each and leaves the pipeline.
   */
  private final class Frontend extends ChannelInboundHandlerAdapter {
    private Route r;
    private String service;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      r = route;
      service = r.service();
      String clientIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
      connect(ctx, clientIp, Set.of(), 1);
    }

    private void connect(ChannelHandlerContext ctx, String clientIp, Set<String> tried, int attempt) {
      Channel in = ctx.channel();
      Endpoint endpoint = picker.pick(r, clientIp, tried);
      if (endpoint == null) {
        if (tried.isEmpty()) {
          metrics.rejected(service);
          log.debug("{} has no usable endpoints: resetting {}", service, in.remoteAddress());
        }
        reset(in);
        return;
      }
      Bootstrap b = transport.bindAddressNoPort(new Bootstrap()).group(in.eventLoop()).channel(transport.socketChannel())
          .option(ChannelOption.AUTO_READ, false)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
          .handler(new Relay(in, in, metrics.bytesCounter(service, false)));
      // register, bind the source address (the client's or the node's), then connect
      ChannelFuture registered = b.register();
      Channel out = registered.channel();
      registered.addListener((ChannelFutureListener) reg -> {
        if (!reg.isSuccess()) {
          out.close();
          connected(ctx, clientIp, tried, attempt, endpoint, reg);
          return;
        }
        sources.bind(out, r, clientIp, endpoint).addListener((ChannelFutureListener) bound ->
            out.connect(new InetSocketAddress(endpoint.ip(), endpoint.port())).addListener((ChannelFutureListener) f -> {
              if (!f.isSuccess()) out.close();
              connected(ctx, clientIp, tried, attempt, endpoint, f);
            }));
      });
    }

    private void connected(ChannelHandlerContext ctx, String clientIp, Set<String> tried, int attempt, Endpoint endpoint,
        ChannelFuture f) {
      Channel in = ctx.channel();
      String svc = service;
      if (f.isSuccess()) {
        Channel backend = f.channel();
        if (!in.isActive()) {
          backend.close();
          return;
        }
        connections.put(in, endpoint);
        metrics.opened(svc);
        in.closeFuture().addListener(c -> {
          connections.remove(in);
          metrics.closed(svc);
        });
        in.pipeline().replace(this, "relay", new Relay(backend, in, metrics.bytesCounter(svc, true)));
        in.config().setAutoRead(true);
        backend.config().setAutoRead(true);
      } else {
        Set<String> next = new HashSet<>(tried);
        next.add(endpoint.address());
        log.info("{} connect to {} failed ({}), attempt {}", svc, endpoint, f.cause().toString(), attempt);
        if (attempt < CONNECT_ATTEMPTS && in.isActive()) {
          connect(ctx, clientIp, next, attempt + 1);
        } else {
          reset(in);
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("client connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
      reset(ctx.channel());
    }
  }
}
