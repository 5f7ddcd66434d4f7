package io.svclab.apiserver.kubelet;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;

/**
 * A streamed POST to a node-agent ({@code /exec}, {@code /attach}, {@code /portForward}): opened on
 * the caller's event loop, so the client's side and the node's share one thread; the request head
 * (chunked, its body to follow) is written, not flushed, once connected. The answer goes to
 * {@code answer}; the caller adds its own listener for a failed connect and for the body.
 */
public final class KubeletStream {
  private KubeletStream() {}

  private static final int CONNECT_TIMEOUT_MS = 5000;

  public static ChannelFuture post(EventLoop loop, URI url, ChannelHandler answer) {
    return new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpClientCodec(), answer);
          }
        })
        .connect(url.getHost(), url.getPort()).addListener((ChannelFutureListener) f -> {
          if (f.isSuccess()) {
            HttpRequest post = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                url.getRawPath() + "?" + url.getRawQuery());
            post.headers().set(HttpHeaderNames.HOST, url.getHost() + ":" + url.getPort());
            post.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            f.channel().write(post);
          }
        });
  }
}
