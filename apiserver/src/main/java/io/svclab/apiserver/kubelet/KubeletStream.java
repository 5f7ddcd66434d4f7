package io.svclab.apiserver.kubelet;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;

/**
 * A streamed request to a node-agent, opened on the caller's event loop, so the client's side and
 * the node's share one thread: a POST ({@code /exec}, {@code /attach}, {@code /portForward}) whose
 * head (chunked, its body to follow) is written, not flushed, once connected, or a GET
 * ({@code /containerLogs}) sent whole. The connection goes to the target's Unix socket when it has
 * one (an epoll loop is needed for that: the REST server runs on epoll where Netty's native
 * transport loads), else to the URL's address. The answer goes to {@code answer}; the caller adds
 * its own listener for a failed connect and for the body.
 */
public final class KubeletStream {
  private KubeletStream() {}

  private static final int CONNECT_TIMEOUT_MS = 5000;

  public static ChannelFuture post(EventLoop loop, KubeletTarget target, ChannelHandler answer) {
    return open(loop, target, answer, ch -> {
      URI url = target.url();
      HttpRequest post = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
          url.getRawPath() + "?" + url.getRawQuery());
      post.headers().set(HttpHeaderNames.HOST, url.getHost() + ":" + url.getPort());
      post.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      ch.write(post);
    });
  }

  public static ChannelFuture get(EventLoop loop, KubeletTarget target, ChannelHandler answer) {
    return open(loop, target, answer, ch -> {
      URI url = target.url();
      HttpRequest get = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
          url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
      get.headers().set(HttpHeaderNames.HOST, url.getHost() + ":" + url.getPort());
      get.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ch.writeAndFlush(get);
    });
  }

  private interface Head {
    void send(Channel ch);
  }

  private static ChannelFuture open(EventLoop loop, KubeletTarget target, ChannelHandler answer, Head head) {
    boolean epoll = loop instanceof EpollEventLoop;
    SocketAddress address;
    Class<? extends Channel> type;
    if (target.socket().isPresent()) {
      // on a NIO loop (no epoll) the registration fails, and the caller reports the connect as failed
      address = new DomainSocketAddress(target.socket().get().toFile());
      type = EpollDomainSocketChannel.class;
    } else {
      address = new InetSocketAddress(target.url().getHost(), target.url().getPort());
      type = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }
    return new Bootstrap().group(loop).channel(type)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), answer);
          }
        })
        .connect(address).addListener((ChannelFutureListener) f -> {
          if (f.isSuccess()) {
            head.send(f.channel());
          }
        });
  }
}
