package io.svclab.net.forward;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Unix domain socket whose every connection is relayed to a TCP address ({@link Relay} both
 * ways, on one epoll loop). node-agent serves its kubelet API this way beside the node address: a
 * socket file is reachable from any network namespace of the machine, the node address only from
 * the node's (the kernel lab's apiserver runs outside the nodes' namespaces).
 */
public final class DomainSocketForward implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 5000;

  private final EpollEventLoopGroup group = new EpollEventLoopGroup(1);
  private final Channel server;
  private final Path path;

  private DomainSocketForward(Path path, InetSocketAddress target) throws IOException, InterruptedException {
    this.path = path;
    Files.deleteIfExists(path); // a socket file left by a process that was killed
    server = new ServerBootstrap().group(group).channel(EpollServerDomainSocketChannel.class)
        .childOption(ChannelOption.AUTO_READ, false)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel client) {
            client.pipeline().addLast(new Connect(target));
          }
        })
        .bind(new DomainSocketAddress(path.toFile())).sync().channel();
  }

  /** Listens on {@code path} (replacing a stale socket file) and relays to {@code target}; needs Netty's epoll transport. */
  public static DomainSocketForward start(Path path, InetSocketAddress target) throws IOException, InterruptedException {
    if (!Epoll.isAvailable()) {
      throw new IOException("a Unix socket needs Netty's epoll transport: " + Epoll.unavailabilityCause());
    }
    return new DomainSocketForward(path, target);
  }

  public Path path() {
    return path;
  }

  /** Connects the accepted client to the target, then relays both ways; a failed connect closes the client. */
  private static final class Connect extends ChannelInboundHandlerAdapter {
    private final InetSocketAddress target;

    Connect(InetSocketAddress target) {
      this.target = target;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      Channel client = ctx.channel();
      ChannelFuture f = new Bootstrap().group(client.eventLoop()).channel(EpollSocketChannel.class)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
          .option(ChannelOption.AUTO_READ, false)
          .handler(new ChannelInboundHandlerAdapter())
          .connect(target);
      f.addListener((ChannelFutureListener) done -> {
        if (!done.isSuccess()) {
          client.close();
          return;
        }
        Channel upstream = done.channel();
        if (!client.isActive()) {
          upstream.close();
          return;
        }
        upstream.pipeline().addLast(new Relay(client, n -> { }, RelayErrors.closeBoth()));
        client.pipeline().replace(this, "relay", new Relay(upstream, n -> { }, RelayErrors.closeBoth()));
        client.config().setAutoRead(true);
        upstream.config().setAutoRead(true);
      });
    }
  }

  @Override
  public void close() {
    server.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // the data dir is going away with the lab
    }
  }
}
