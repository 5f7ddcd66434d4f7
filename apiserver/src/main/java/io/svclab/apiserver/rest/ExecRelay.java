package io.svclab.apiserver.rest;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.kubelet.ExecOptions;
import io.svclab.apiserver.kubelet.ExecStatus;
import io.svclab.apiserver.kubelet.StreamChannels;
import io.svclab.client.streams.ExecFrames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pods/exec} as kube-apiserver serves it to kubectl 1.32: check the pod, start the command on
 * the node-agent ({@code POST /exec/...}, answered with {@link ExecFrames}), then upgrade kubectl's
 * request to a WebSocket ({@code v5.channel.k8s.io} or {@code v4.channel.k8s.io}) and relay the
 * output as channel messages, ending with the exit Status on channel 3 and a close.
 */
final class ExecRelay {
  private static final Logger log = LoggerFactory.getLogger(ExecRelay.class);
  private static final int MAX_FRAME = 1 << 20;

  private final RestApi api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ExecRelay(RestApi api) {
    this.api = api;
  }

  /** Headers only: the handshake needs no body, and a copy outlives Netty's release of the original. */
  static FullHttpRequest headersOf(FullHttpRequest http) {
    return new DefaultFullHttpRequest(http.protocolVersion(), http.method(), http.uri(), Unpooled.EMPTY_BUFFER,
        http.headers().copy(), EmptyHttpHeaders.INSTANCE);
  }

  void exec(Channel ch, RestRequest req, FullHttpRequest upgrade, RestPath.Resource r, boolean keepAlive) {
    ExecOptions o;
    URI url;
    try {
      o = ExecOptions.parse(req.query());
      url = api.podExecUrl(r, o);
      if (!"websocket".equalsIgnoreCase(upgrade.headers().get(HttpHeaderNames.UPGRADE, ""))) {
        throw ApiException.badRequest("Upgrade request required");
      }
    } catch (ApiException e) {
      RestHandler.write(ch, RestResponse.json(StatusErrors.httpCode(e.reason()), StatusErrors.status(e)), keepAlive);
      return;
    }
    HttpResponse<InputStream> resp;
    try {
      resp = http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      RestHandler.write(ch, RestResponse.json(500, StatusErrors.failure(500, "InternalError",
          "error dialing backend: " + e.getMessage())), keepAlive);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ch.close();
      return;
    }
    try (InputStream in = resp.body()) {
      if (resp.statusCode() != 200) {
        RestHandler.write(ch, KubeletProxy.refusal(resp.statusCode(), in), keepAlive);
        return;
      }
      WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("wss://" + upgrade.headers()
          .get(HttpHeaderNames.HOST, "localhost") + upgrade.uri(), String.join(",", StreamChannels.PROTOCOLS), false,
          MAX_FRAME).newHandshaker(upgrade);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ch);
        return;
      }
      ch.pipeline().addLast("exec-frames", new ClientFrames());
      handshaker.handshake(ch, upgrade).syncUninterruptibly();
      log.info("exec {}/{}: {}", r.namespace(), r.name(), o.command());
      ch.closeFuture().addListener(f -> in.close());
      relay(ch, in, o);
    } catch (IOException e) {
      log.debug("exec {}/{} ended: {}", r.namespace(), r.name(), e.toString());
      ch.close();
    } catch (RuntimeException e) {
      log.warn("exec {}/{} failed", r.namespace(), r.name(), e);
      ch.close();
    }
  }

  private static void relay(Channel ch, InputStream in, ExecOptions o) throws IOException {
    for (ExecFrames.Frame f = ExecFrames.read(in); f != null; f = ExecFrames.read(in)) {
      if (!ch.isActive()) {
        return;
      }
      if (f.channel() == ExecFrames.ERROR) {
        int code = Integer.parseInt(new String(f.payload(), StandardCharsets.US_ASCII).strip());
        send(ch, ExecFrames.ERROR, ExecStatus.of(o.command(), code).toString().getBytes(StandardCharsets.UTF_8));
        ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (f.channel() == ExecFrames.STDOUT && o.stdout() || f.channel() == ExecFrames.STDERR && o.stderr()) {
        send(ch, f.channel(), f.payload());
      }
    }
    // the node-agent went away before the exit code
    send(ch, ExecFrames.ERROR, ExecStatus.failure("error: the node-agent ended the exec stream without an exit code")
        .toString().getBytes(StandardCharsets.UTF_8));
    ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
  }

  private static void send(Channel ch, int channel, byte[] payload) {
    ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(StreamChannels.message(channel, payload))))
        .awaitUninterruptibly();
  }

  /** What kubectl sends on the socket: pings answered, a close honoured, stream messages (no stdin here) dropped. */
  private static final class ClientFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof PingWebSocketFrame) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof CloseWebSocketFrame) {
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
      } else if (frame instanceof BinaryWebSocketFrame b) {
        StreamChannels.Message m = StreamChannels.read(ByteBufUtil.getBytes(b.content()));
        log.debug("exec: client message on channel {} ({} bytes) ignored", m.channel(), m.payload().length);
      }
    }
  }
}
