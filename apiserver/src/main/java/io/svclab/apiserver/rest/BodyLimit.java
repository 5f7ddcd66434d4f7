package io.svclab.apiserver.rest;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Netty's aggregator with Kubernetes' answer to an oversized body: a 413 {@code metav1.Status}
 * ({@link RequestBodies#tooLarge()}) instead of Netty's empty one, so kubectl prints
 * {@code Error from server (RequestEntityTooLarge)}. The rest of the body is drained by the
 * aggregator (keep-alive) or the connection closed, as Netty does; the request never reaches the API.
 */
final class BodyLimit extends HttpObjectAggregator {
  BodyLimit() {
    super(RequestBodies.MAX_BODY_BYTES);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    byte[] body = RequestBodies.tooLarge().toString().getBytes(StandardCharsets.UTF_8);
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        Unpooled.wrappedBuffer(body));
    out.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    boolean close = oversized instanceof FullHttpMessage
        || !HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized);
    if (close) {
      out.headers().set(HttpHeaderNames.CONNECTION, "close");
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }
  }
}
