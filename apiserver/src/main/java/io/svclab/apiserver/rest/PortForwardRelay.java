package io.svclab.apiserver.rest;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.portforward.PortForwardSession;
import io.svclab.apiserver.portforward.TunnelProtocols;
import io.svclab.apiserver.portforward.WebSocketTunnel;
import io.svclab.apiserver.kubelet.KubeletTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pods/portforward} as kubectl 1.32 asks for it: the pod is checked, then the connection is
 * upgraded to a WebSocket carrying SPDY ({@code SPDY/3.1+portforward.k8s.io}, kube-apiserver's
 * tunneling handler) or, kubectl's fallback, to SPDY itself ({@code Upgrade: SPDY/3.1}); from then
 * on {@link PortForwardSession} serves the streams as kubelet does, one node-agent hop per
 * forwarded connection.
 */
final class PortForwardRelay {
  private static final Logger log = LoggerFactory.getLogger(PortForwardRelay.class);
  private static final int MAX_FRAME = 1 << 20;

  private final RestApi api;

  PortForwardRelay(RestApi api) {
    this.api = api;
  }

  void open(Channel ch, FullHttpRequest upgrade, RestPath.Resource r, boolean keepAlive) {
    KubeletTarget kubelet;
    try {
      kubelet = api.podPortForwardUrl(r);
    } catch (ApiException e) {
      RestHandler.write(ch, RestResponse.json(StatusErrors.httpCode(e.reason()), StatusErrors.status(e)), keepAlive);
      return;
    }
    String upgradeTo = upgrade.headers().get(HttpHeaderNames.UPGRADE, "");
    TunnelProtocols.Negotiated n = "websocket".equalsIgnoreCase(upgradeTo)
        ? TunnelProtocols.websocket(upgrade.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))
        : upgradeTo.equalsIgnoreCase(TunnelProtocols.SPDY)
            ? TunnelProtocols.spdy(upgrade.headers().getAll("X-Stream-Protocol-Version"))
            : new TunnelProtocols.Refused(400, "Upgrade request required");
    if (n instanceof TunnelProtocols.Refused refused) {
      String reason = refused.code() == 403 ? "Forbidden" : "BadRequest";
      RestHandler.write(ch, RestResponse.json(refused.code(), StatusErrors.failure(refused.code(), reason,
          refused.message())), keepAlive);
      return;
    }
    log.info("port-forward {}/{} ({})", r.namespace(), r.name(), ((TunnelProtocols.Chosen) n).protocol());
    PortForwardSession session = new PortForwardSession(kubelet, r.namespace() + "/" + r.name());
    if ("websocket".equalsIgnoreCase(upgradeTo)) {
      websocket(ch, upgrade, session);
    } else {
      spdy(ch, session);
    }
  }

  private static void websocket(Channel ch, FullHttpRequest upgrade, PortForwardSession session) {
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("wss://"
        + upgrade.headers().get(HttpHeaderNames.HOST, "localhost") + upgrade.uri(), TunnelProtocols.WEBSOCKET_TUNNEL,
        false, MAX_FRAME).newHandshaker(upgrade);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ch);
      return;
    }
    // kubectl sends SPDY frames only after it has the 101, so the handlers are in place before its first byte
    handshaker.handshake(ch, upgrade).addListener(f -> {
      if (f.isSuccess()) {
        ch.pipeline().addLast(new WebSocketTunnel(), new SpdyFrameCodec(SpdyVersion.SPDY_3_1), session);
      } else {
        ch.close();
      }
    });
  }

  /** kubelet's answer to an {@code Upgrade: SPDY/3.1}, then SPDY straight on the TLS connection. */
  private static void spdy(Channel ch, PortForwardSession session) {
    ch.eventLoop().execute(() -> {
      ChannelPipeline p = ch.pipeline();
      FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
      ok.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
      ok.headers().set(HttpHeaderNames.UPGRADE, TunnelProtocols.SPDY);
      ok.headers().set("X-Stream-Protocol-Version", TunnelProtocols.PORT_FORWARD_V1);
      p.remove(HttpObjectAggregator.class);
      HttpServerCodec codec = p.get(HttpServerCodec.class);
      codec.removeInboundHandler();
      p.addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1), session);
      // written from behind the HTTP codec: the SPDY codec in front of it takes SPDY frames only
      p.context(RestHandler.class).writeAndFlush(ok).addListener(f -> {
        if (f.isSuccess()) {
          p.remove(codec);
        } else {
          ch.close();
        }
      });
    });
  }
}
