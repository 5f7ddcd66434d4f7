package io.svclab.node.images;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import io.svclab.node.network.PodNetwork;
import java.util.function.BiFunction;

/**
 * The sockets every built-in server uses: one shared event loop group for all pods on the node.
 * Listeners are opened where the pod network says (in the pod's namespace with {@code --pod-network
 * netns}); a socket keeps that namespace while the event loop serves it.
 */
public final class NettyServers implements AutoCloseable {
  private final EventLoopGroup boss = new NioEventLoopGroup(1);
  private final EventLoopGroup workers = new NioEventLoopGroup(2);
  private final PodNetwork network;

  public NettyServers(PodNetwork network) {
    this.network = network;
  }

  public NettyServers() {
    this(PodNetwork.loopback());
  }

  /** One HTTP exchange: the response to send. */
  public interface HttpApp {
    FullHttpResponse handle(FullHttpRequest request, InetSocketAddress remote, InetSocketAddress local);
  }

  /** Binds an HTTP server on {@code ip:port}; throws (with the OS's reason) when the bind fails. */
  public Channel http(String ip, int port, HttpApp app) throws Exception {
    // accepted connections close with the listener: a stopped container keeps no keep-alive connection
    ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ServerBootstrap b = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            children.add(ch);
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                    FullHttpResponse resp = app.handle(req, (InetSocketAddress) ctx.channel().remoteAddress(),
                        (InetSocketAddress) ctx.channel().localAddress());
                    boolean keepAlive = HttpUtil.isKeepAlive(req);
                    if (!resp.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
                      HttpUtil.setContentLength(resp, resp.content().readableBytes());
                    }
                    if (keepAlive) {
                      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                      ctx.writeAndFlush(resp);
                    } else {
                      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
                    }
                  }

                  @Override
                  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    ctx.close();
                  }
                });
          }
        });
    Channel server = network.inPod(ip, () -> b.bind(new InetSocketAddress(ip, port)).sync().channel());
    server.closeFuture().addListener(f -> children.close());
    return server;
  }

  /** Binds a UDP server whose handler maps each datagram's text to a reply (null: no reply). */
  public Channel udp(String ip, int port, BiFunction<String, InetSocketAddress, String> handler) throws Exception {
    Bootstrap b = new Bootstrap().group(workers).channel(NioDatagramChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
          @Override
          protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            String text = packet.content().toString(StandardCharsets.UTF_8);
            String reply = handler.apply(text, packet.sender());
            if (reply != null) {
              ctx.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(reply, StandardCharsets.UTF_8), packet.sender()));
            }
          }
        });
    return network.inPod(ip, () -> b.bind(new InetSocketAddress(ip, port)).sync().channel());
  }

  @Override
  public void close() {
    boss.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    workers.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
