package io.svclab.apiserver.rest;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.kubelet.KubeletStream;
import io.svclab.apiserver.kubelet.KubeletTarget;
import io.svclab.client.streams.PodLogOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pods/log} as kube-apiserver serves it: validate, find the pod's node, and relay the
 * kubelet's {@code /containerLogs} answer chunk by chunk (a {@code follow} stays open until the
 * kubelet or the client ends it). The kubelet is read by a Netty client on the client connection's
 * event loop (over the node's Unix socket when it publishes one); while kubectl has not taken what
 * was sent, the kubelet is not read, so a slow client slows the read from the kubelet.
 */
final class KubeletProxy {
  private static final Logger log = LoggerFactory.getLogger(KubeletProxy.class);

  private final RestApi api;

  KubeletProxy(RestApi api) {
    this.api = api;
  }

  void podLog(Channel ch, RestRequest req, RestPath.Resource r, boolean keepAlive) {
    Optional<KubeletTarget> target;
    try {
      PodLogOptions o;
      try {
        o = PodLogOptions.parse(req.query());
      } catch (PodLogOptions.Invalid e) {
        throw ApiException.badRequest(e.getMessage());
      }
      target = api.podLogUrl(r, o);
    } catch (ApiException e) {
      RestHandler.write(ch, RestResponse.json(StatusErrors.httpCode(e.reason()), StatusErrors.status(e)), keepAlive);
      return;
    }
    if (target.isEmpty()) {
      RestHandler.write(ch, new RestResponse(200, "", java.util.List.of()), keepAlive);
      return;
    }
    String what = r.namespace() + "/" + r.name();
    KubeletStream.get(ch.eventLoop(), target.get(), new LogAnswer(ch, keepAlive, what))
        .addListener((ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            RestHandler.write(ch, RestResponse.json(500, StatusErrors.failure(500, "InternalError",
                "Get \"" + target.get().url() + "\": " + f.cause().getMessage())), keepAlive);
            return;
          }
          // the client leaving ends the kubelet read too
          ch.closeFuture().addListener(c -> f.channel().close());
        });
  }

  /** The kubelet's answer: a refusal relayed as a Status, or a 200 whose chunks go to the client as they come. */
  private static final class LogAnswer extends SimpleChannelInboundHandler<HttpObject> {
    private final Channel client;
    private final boolean keepAlive;
    private final String what;
    private int refusedWith;
    private boolean streaming;
    private boolean ended;
    private final ByteArrayOutputStream refusal = new ByteArrayOutputStream();

    LogAnswer(Channel client, boolean keepAlive, String what) {
      this.client = client;
      this.keepAlive = keepAlive;
      this.what = what;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws IOException {
      if (msg instanceof HttpResponse resp) {
        if (resp.status().code() != 200) {
          refusedWith = resp.status().code();
        } else {
          HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
          head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
          head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
          head.headers().set("Cache-Control", "no-cache, private");
          client.writeAndFlush(head);
          streaming = true;
        }
      }
      if (!(msg instanceof HttpContent c)) {
        return;
      }
      if (refusedWith != 0) {
        refusal.writeBytes(ByteBufUtil.getBytes(c.content()));
        if (msg instanceof LastHttpContent) {
          ended = true;
          RestHandler.write(client, refusal(refusedWith, new ByteArrayInputStream(refusal.toByteArray())), keepAlive);
          ctx.close();
        }
        return;
      }
      if (c.content().isReadable()) {
        Channel node = ctx.channel();
        var written = client.writeAndFlush(new DefaultHttpContent(c.content().retain()));
        if (!client.isWritable()) {
          node.config().setAutoRead(false);
          written.addListener(w -> node.config().setAutoRead(true));
        }
      }
      if (msg instanceof LastHttpContent) {
        ended = true;
        var last = client.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
          last.addListener(ChannelFutureListener.CLOSE);
        }
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ended || !client.isActive()) {
        return;
      }
      if (streaming) {
        client.close(); // the kubelet went away mid-stream: the chunked answer cannot end cleanly
      } else {
        RestHandler.write(client, RestResponse.json(500, StatusErrors.failure(500, "InternalError",
            "error: the node-agent closed the pods/log request of " + what + " without an answer")), keepAlive);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("pods/log {}: node-agent connection failed: {}", what, cause.toString());
      ctx.close();
    }
  }

  /** A node-agent's refusal (its 400/404 text) as the Kubernetes Status kubectl prints; anything else is internal. */
  static RestResponse refusal(int kubeletCode, InputStream body) throws IOException {
    String message = new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
    String reason = kubeletCode == 404 ? "NotFound" : kubeletCode == 400 ? "BadRequest" : "InternalError";
    return RestResponse.json(StatusErrors.httpCode(reason), StatusErrors.failure(StatusErrors.httpCode(reason), reason, message));
  }
}
