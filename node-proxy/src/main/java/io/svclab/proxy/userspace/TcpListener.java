package io.svclab.proxy.userspace;

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
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.svclab.net.forward.ChannelEnds;
import io.svclab.net.forward.Relay;
import io.svclab.net.forward.RelayErrors;
import io.svclab.net.forward.RetryingConnect;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.snapshot.Endpoint;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP listening address (SO_REUSEPORT) relaying each accepted connection to an endpoint.
 * Each event loop has its own listening socket on the address, so a connection is accepted,
 * connected onward and relayed on one thread, with no hand-over between threads. Bytes move
 * through a {@link Relay} per direction, paced by the other side's write buffer. No usable
 * endpoint: the connection is reset at once (SO_LINGER 0), so clients fail fast instead of hanging.
 *
 * <p>Half-close: the client's channel allows it, so a client's FIN reaches the endpoint as a
 * FIN and the endpoint's answer still comes back (a request sent with its FIN). The endpoint's
 * channel does not: its FIN ends the connection once what it sent is written to the client, as
 * kube-proxy's userspace mode did. That is the common case (a server closing after its answer)
 * and it costs a shutdown(2), two epoll changes and a wait for the client's FIN less per
 * connection than a FIN passed on each way.
 */
final class TcpListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
  static final int CONNECT_TIMEOUT_MILLIS = 1000;
  static final int CONNECT_ATTEMPTS = 3;

  /** A route and its Service port's metrics, swapped together. */
  private record Routing(Route route, ProxyMetrics.ServiceTraffic traffic) {}

  final ListenKey key;
  private final Transport transport;
  private final Picker picker;
  private final SourceBinder sources;
  private final ProxyMetrics metrics;
  private final Map<Channel, Endpoint> connections = new ConcurrentHashMap<>();
  private final List<Channel> servers = new ArrayList<>();
  private volatile Routing routing;

  TcpListener(ListenKey key, Route route, Transport transport, Picker picker, SourceBinder sources,
      ProxyMetrics metrics) {
    this.key = key;
    this.transport = transport;
    this.picker = picker;
    this.sources = sources;
    this.metrics = metrics;
    this.routing = new Routing(route, metrics.traffic(route.service()));
  }

  /** One listening socket per event loop on the same address; all or none. */
  void bind() throws InterruptedException {
    InetSocketAddress address = new InetSocketAddress(key.ip(), key.port());
    try {
      for (EventLoop loop : transport.workerLoops()) {
        // accepted on the loop that serves it. TCP_NODELAY is Netty's default for socket
        // channels already; asking again would cost a setsockopt per connection.
        ServerBootstrap b = transport.reusePort(new ServerBootstrap())
            .group(loop, loop)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childHandler(new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new Frontend());
              }
            });
        servers.add(b.bind(address).sync().channel());
      }
    } catch (InterruptedException | RuntimeException e) {
      closeServers();
      throw e;
    }
  }

  /** New connections follow {@code next}; open ones to endpoints that no longer exist are closed. */
  void update(Route next) {
    Routing now = routing;
    routing = new Routing(next, next.service().equals(now.route().service()) ? now.traffic() : metrics.traffic(next.service()));
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
    closeServers();
    connections.keySet().forEach(Channel::close);
  }

  private void closeServers() {
    servers.forEach(s -> s.close().awaitUninterruptibly(1000));
    servers.clear();
  }

  /**
   * Client side until the endpoint connection is up: picks the endpoint and connects (retrying
   * others, {@link RetryingConnect}), then hands both channels to a {@link Relay} each and leaves
   * the pipeline. Errors reset the client ({@link RelayErrors#resetClient}), as kube-proxy's
   * userspace mode did.
   *
   * <p>The client is not read before that, except when its FIN comes first: epoll reports the
   * peer's hang-up even with reading off and Netty then reads what came before it. Those bytes
   * and the FIN are kept and replayed to the client's {@link Relay}, so they reach the endpoint
   * in order (a request sent with its FIN before the endpoint answered the connect).
   */
  private final class Frontend extends ChannelInboundHandlerAdapter {
    private List<Object> early;
    private boolean earlyFin;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (early == null) early = new ArrayList<>(2);
      early.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent) earlyFin = true;
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (early != null) early.forEach(ReferenceCountUtil::release);
      early = null;
      ctx.fireChannelInactive();
    }
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Routing now = routing;
      Channel in = ctx.channel();
      String clientIp = ((InetSocketAddress) in.remoteAddress()).getAddress().getHostAddress();
      String service = now.route().service();
      RetryingConnect.start(in, CONNECT_ATTEMPTS,
          tried -> picker.pick(now.route(), clientIp,
              tried.isEmpty() ? Set.of() : tried.stream().map(Endpoint::address).collect(Collectors.toSet())),
          endpoint -> dial(in, now, clientIp, endpoint),
          new RetryingConnect.Outcome<Endpoint>() {
            @Override
            public void connected(Endpoint endpoint, Channel backend) {
              splice(in, now.traffic(), endpoint, backend);
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

    /**
     * Opens the upstream socket on the client's event loop (no reads until both sides are
     * spliced), binds its source address (the client's or the node's), then connects.
     */
    private ChannelFuture dial(Channel in, Routing now, String clientIp, Endpoint endpoint) {
      Channel out = transport.newSocketChannel();
      out.config().setAutoRead(false);
      out.config().setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
      transport.bindAddressNoPort(out);
      out.pipeline().addLast(new Relay(in, now.traffic().toClient(), RelayErrors.resetClient(in)));
      ChannelPromise connected = new DefaultChannelPromise(out, in.eventLoop());
      in.eventLoop().register(out).addListener((ChannelFutureListener) reg -> {
        if (!reg.isSuccess()) {
          out.unsafe().closeForcibly();
          connected.setFailure(reg.cause());
          return;
        }
        sources.bind(out, now.route(), clientIp, endpoint).addListener((ChannelFutureListener) bound ->
            out.connect(new InetSocketAddress(endpoint.ip(), endpoint.port())).addListener((ChannelFutureListener) f -> {
              if (f.isSuccess()) connected.setSuccess();
              else connected.setFailure(f.cause());
            }));
      });
      return connected;
    }

    private void splice(Channel in, ProxyMetrics.ServiceTraffic traffic, Endpoint endpoint, Channel backend) {
      connections.put(in, endpoint);
      traffic.opened();
      in.closeFuture().addListener(c -> {
        connections.remove(in);
        traffic.closed();
      });
      in.pipeline().replace(this, "relay", new Relay(backend, traffic.toEndpoint(), RelayErrors.resetClient(in)));
      if (early != null) {
        early.forEach(in.pipeline()::fireChannelRead);
        early = null;
        in.pipeline().fireChannelReadComplete();
      }
      if (earlyFin) in.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
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
