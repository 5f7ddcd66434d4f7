package io.svclab.net.forward;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Netty's native epoll transport where it loads (Linux x86_64), NIO elsewhere, with the same
 * options on both: one acceptor loop ({@link #boss}) and a pool of worker loops.
 */
public class NettyTransport implements AutoCloseable {
  private final boolean epoll = Epoll.isAvailable();
  public final EventLoopGroup boss;
  public final EventLoopGroup workers;

  public NettyTransport(int workerThreads) {
    boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
    workers = epoll ? new EpollEventLoopGroup(workerThreads) : new NioEventLoopGroup(workerThreads);
  }

  public boolean epoll() { return epoll; }

  public Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  public Class<? extends Channel> socketChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /**
   * A new TCP socket channel, not yet registered: what a {@code Bootstrap} makes, without a
   * bootstrap and its option map per connection.
   */
  public Channel newSocketChannel() {
    return epoll ? new EpollSocketChannel() : new NioSocketChannel();
  }

  /** The worker loops, each once: a listener can accept on every loop instead of handing connections over from {@link #boss}. */
  public List<EventLoop> workerLoops() {
    List<EventLoop> loops = new ArrayList<>();
    workers.forEach(e -> loops.add((EventLoop) e));
    return List.copyOf(loops);
  }

  public Class<? extends DatagramChannel> datagramChannel() {
    return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }

  /** SO_REUSEADDR + SO_REUSEPORT: several processes on one host share one listening address. */
  public <B extends AbstractBootstrap<B, ?>> B reusePort(B bootstrap) {
    bootstrap.option(ChannelOption.SO_REUSEADDR, true);
    if (epoll) {
      bootstrap.option(EpollChannelOption.SO_REUSEPORT, true);
    } else {
      bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
    }
    return bootstrap;
  }

  /**
   * IP_BIND_ADDRESS_NO_PORT on upstream sockets (epoll only): a socket bound to a source address
   * gets its port at connect time, so ports are shared across endpoints (per 4-tuple) instead of
   * one ephemeral port per bound socket; without it busy source addresses run out of ports.
   */
  public Bootstrap bindAddressNoPort(Bootstrap bootstrap) {
    if (epoll) bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
    return bootstrap;
  }

  /** {@link #bindAddressNoPort(Bootstrap)} on a channel made with {@link #newSocketChannel()}. */
  public void bindAddressNoPort(Channel channel) {
    if (epoll) channel.config().setOption(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
  }

  @Override
  public void close() {
    boss.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
    workers.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
    boss.terminationFuture().awaitUninterruptibly(1, TimeUnit.SECONDS);
    workers.terminationFuture().awaitUninterruptibly(1, TimeUnit.SECONDS);
  }
}
