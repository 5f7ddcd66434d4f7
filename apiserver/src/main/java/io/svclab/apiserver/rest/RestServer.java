package io.svclab.apiserver.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.svclab.net.forward.NettyTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kubernetes-compatible HTTPS front door: TLS with the data dir's serving certificate
 * ({@link ServerTls}: BoringSSL where it loads),
 * HTTP/1.1 (no ALPN, so kubectl falls back from h2), bodies up to Kubernetes' 3 MiB. Registry calls
 * block on the store, so requests leave the event loop for a bounded pool. Netty's epoll transport
 * where it loads, so the relays to node-agents can dial a node's Unix socket on the client
 * connection's own loop.
 */
public final class RestServer implements AutoCloseable {
  private static final int WORKERS = 16;

  private final NettyTransport transport = new NettyTransport(2);
  private final ExecutorService requests;
  private final Channel channel;

  public RestServer(String host, int port, ServingMaterial material, RestApi api) throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    requests = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
      Thread t = new Thread(r, "rest-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    SslContext ssl = ServerTls.context(material);
    channel = new ServerBootstrap().group(transport.boss, transport.workers).channel(transport.serverChannel())
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(ssl.newHandler(ch.alloc()), new HttpServerCodec(),
                new BodyLimit(), new RestHandler(api, material.token(), requests));
          }
        })
        .bind(new InetSocketAddress(host, port)).sync().channel();
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    transport.close();
    requests.shutdownNow();
  }
}
