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
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.svclab.net.forward.ChannelEnds;
import io.svclab.net.forward.Relay;
import io.svclab.net.forward.RelayErrors;
import io.svclab.net.forward.RetryingConnect;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.snapshot.Endpoint;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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

  /**
   * Client side until the endpoint connection is up: picks the endpoint and connects (retrying
   * others, {@link RetryingConnect}), then hands both channels to a {@link Relay} each and leaves
   * the pipeline. Errors reset the client ({@link RelayErrors#resetClient}), as kube-proxy's
   * userspace mode did.
   */
  private final class Frontend extends ChannelInboundHandlerAdapter {
    private Route r;
    private String service;

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      r = route;
      service = r.service();
      String clientIp = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
      connect(ctx, clientIp);
    }

    private void connect(ChannelHandlerContext ctx, String clientIp) {
      Channel in = ctx.channel();
      RetryingConnect.start(in, CONNECT_ATTEMPTS,
          tried -> picker.pick(r, clientIp, tried.stream().map(Endpoint::address).collect(Collectors.toSet())),
          endpoint -> dial(in, clientIp, endpoint),
          new RetryingConnect.Outcome<Endpoint>() {
            @Override
            public void connected(Endpoint endpoint, Channel backend) {
              splice(ctx, endpoint, backend);
            }

            @Override
            public void attemptFailed(Endpoint endpoint, Throwable cause, int attempt) {
              log.info("{} connect to {} failed ({}), attempt {}", service, endpoint, cause.toString(), attempt);
            }

            @Override
            public void gaveUp(List<Endpoint> tried) {
              if (tried.isEmpty()) {
                metrics.rejected(service);
                log.debug("{} has no usable endpoints: resetting {}", service, in.remoteAddress());
              }
              ChannelEnds.reset(in);
            }
          });
    }

    /** Registers the upstream socket, binds its source address (the client's or the node's), then connects. */
    private ChannelFuture dial(Channel in, String clientIp, Endpoint endpoint) {
      Bootstrap b = transport.bindAddressNoPort(new Bootstrap()).group(in.eventLoop()).channel(transport.socketChannel())
          .option(ChannelOption.AUTO_READ, false)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
          .handler(new Relay(in, metrics.bytesCounter(service, false), RelayErrors.resetClient(in)));
      ChannelFuture registered = b.register();
      Channel out = registered.channel();
      ChannelPromise connected = new DefaultChannelPromise(out, in.eventLoop());
      registered.addListener((ChannelFutureListener) reg -> {
        if (!reg.isSuccess()) {
          connected.setFailure(reg.cause());
          return;
        }
        sources.bind(out, r, clientIp, endpoint).addListener((ChannelFutureListener) bound ->
            out.connect(new InetSocketAddress(endpoint.ip(), endpoint.port())).addListener((ChannelFutureListener) f -> {
              if (f.isSuccess()) connected.setSuccess();
              else connected.setFailure(f.cause());
            }));
      });
      return connected;
    }

    private void splice(ChannelHandlerContext ctx, Endpoint endpoint, Channel backend) {
      Channel in = ctx.channel();
      String svc = service;
      connections.put(in, endpoint);
      metrics.opened(svc);
      in.closeFuture().addListener(c -> {
        connections.remove(in);
        metrics.closed(svc);
      });
      in.pipeline().replace(this, "relay", new Relay(backend, metrics.bytesCounter(svc, true), RelayErrors.resetClient(in)));
      in.config().setAutoRead(true);
      backend.config().setAutoRead(true);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("client connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
      ChannelEnds.reset(ctx.channel());
    }
  }
}
