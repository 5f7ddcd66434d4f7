package io.svclab.apiserver.rest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.kubelet.ExecOptions;
import io.svclab.apiserver.kubelet.KubeletStream;
import io.svclab.apiserver.kubelet.KubeletTarget;
import io.svclab.apiserver.kubelet.ExecStatus;
import io.svclab.apiserver.kubelet.StreamChannels;
import io.svclab.client.streams.ExecFrames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pods/exec} and {@code pods/attach} as kube-apiserver serves them to kubectl 1.32: check
 * the pod, open the node-agent's {@code POST /exec/...} or {@code /attach/...} (a Netty HTTP client
 * on kubectl's own event loop: its chunked request body carries kubectl's stdin, resize and close
 * messages as {@link ExecFrames} while the answer streams the program's), and once the node-agent
 * has said 200, upgrade kubectl's request to a WebSocket ({@code v5.channel.k8s.io} or
 * {@code v4.channel.k8s.io}) and move frames both ways, ending with the exit Status on channel 3
 * and a close. Either side going away closes the other; neither reads faster than the other writes.
 */
final class ExecRelay {
  private static final Logger log = LoggerFactory.getLogger(ExecRelay.class);
  private static final int MAX_FRAME = 1 << 20;

  private final RestApi api;

  ExecRelay(RestApi api) {
    this.api = api;
  }

  /** Headers only: the handshake needs no body, and a copy outlives Netty's release of the original. */
  static FullHttpRequest headersOf(FullHttpRequest http) {
    return new DefaultFullHttpRequest(http.protocolVersion(), http.method(), http.uri(), Unpooled.EMPTY_BUFFER,
        http.headers().copy(), EmptyHttpHeaders.INSTANCE);
  }

  void exec(Channel ch, RestRequest req, FullHttpRequest upgrade, RestPath.Resource r, boolean keepAlive) {
    boolean attach = r.subresource().equals("attach");
    ExecOptions o;
    KubeletTarget url;
    try {
      o = ExecOptions.parse(req.query(), !attach);
      url = api.podStreamUrl(r, o, attach ? "attach" : "exec");
      if (!"websocket".equalsIgnoreCase(upgrade.headers().get(HttpHeaderNames.UPGRADE, ""))) {
        throw ApiException.badRequest("Upgrade request required");
      }
    } catch (ApiException e) {
      RestHandler.write(ch, RestResponse.json(StatusErrors.httpCode(e.reason()), StatusErrors.status(e)), keepAlive);
      return;
    }
    String what = r.subresource() + " " + r.namespace() + "/" + r.name();
    KubeletStream.post(ch.eventLoop(), url, new NodeAnswer(ch, upgrade, o, keepAlive, what))
        .addListener((ChannelFutureListener) f -> {
          if (!f.isSuccess()) {
            RestHandler.write(ch, RestResponse.json(500, StatusErrors.failure(500, "InternalError",
                "error dialing backend: " + f.cause().getMessage())), keepAlive);
            return;
          }
          Channel node = f.channel();
          ch.closeFuture().addListener(c -> node.close());
          // without stdin the body ends here; with it, kubectl's messages follow until one side ends
          node.writeAndFlush(o.stdin() ? Unpooled.EMPTY_BUFFER : LastHttpContent.EMPTY_LAST_CONTENT);
        });
  }

  /** The node-agent's answer: a refusal relayed as a Status, or a 200 whose frames go to kubectl's WebSocket. */
  private static final class NodeAnswer extends SimpleChannelInboundHandler<HttpObject> {
    private final Channel client;
    private final FullHttpRequest upgrade;
    private final ExecOptions o;
    private final boolean keepAlive;
    private final String what;
    private int refusedWith;
    private final ByteArrayOutputStream refusal = new ByteArrayOutputStream();
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean streaming;
    private boolean ended;

    NodeAnswer(Channel client, FullHttpRequest upgrade, ExecOptions o, boolean keepAlive, String what) {
      this.client = client;
      this.upgrade = upgrade;
      this.o = o;
      this.keepAlive = keepAlive;
      this.what = what;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) throws IOException {
      if (msg instanceof HttpResponse resp) {
        if (resp.status().code() != 200) {
          refusedWith = resp.status().code();
        } else {
          handshake(ctx.channel());
        }
      }
      if (msg instanceof HttpContent c) {
        if (refusedWith != 0) {
          refusal.writeBytes(ByteBufUtil.getBytes(c.content()));
          if (msg instanceof LastHttpContent) {
            RestHandler.write(client, KubeletProxy.refusal(refusedWith, new ByteArrayInputStream(refusal.toByteArray())),
                keepAlive);
            ctx.close();
          }
          return;
        }
        frames(ctx, c.content());
      }
    }

    private void handshake(Channel node) {
      WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory("wss://" + upgrade.headers()
          .get(HttpHeaderNames.HOST, "localhost") + upgrade.uri(), String.join(",", StreamChannels.PROTOCOLS), false,
          MAX_FRAME).newHandshaker(upgrade);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(client);
        node.close();
        return;
      }
      client.pipeline().addLast("exec-frames", new ClientFrames(node));
      handshaker.handshake(client, upgrade);
      streaming = true;
      log.info("{}: {}{}", what, o.command(), o.stdin() ? (o.tty() ? " (stdin, tty)" : " (stdin)") : "");
    }

    private void frames(ChannelHandlerContext ctx, ByteBuf content) throws IOException {
      ByteBuffer all = ByteBuffer.allocate(pending.remaining() + content.readableBytes());
      all.put(pending);
      content.readBytes(all);
      all.flip();
      for (ExecFrames.Frame f = ExecFrames.next(all); f != null && !ended; f = ExecFrames.next(all)) {
        if (f.channel() == ExecFrames.ERROR) {
          int code = Integer.parseInt(new String(f.payload(), StandardCharsets.US_ASCII).strip());
          end(ExecStatus.of(o.command(), code).toString());
          ctx.close();
        } else if (f.channel() == ExecFrames.STDOUT && o.stdout() || f.channel() == ExecFrames.STDERR && o.stderr()) {
          send(client, f.channel(), f.payload());
        }
      }
      pending = all.slice();
      if (!client.isWritable()) {
        ctx.channel().config().setAutoRead(false); // ClientFrames turns it back on once kubectl has read
      }
    }

    private void end(String status) {
      ended = true;
      send(client, ExecFrames.ERROR, status.getBytes(StandardCharsets.UTF_8));
      client.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (streaming && !ended && client.isActive()) {
        end(ExecStatus.failure("error: the node-agent ended the " + what + " stream without an exit code").toString());
      } else if (!streaming && refusedWith == 0 && client.isActive()) {
        RestHandler.write(client, RestResponse.json(500, StatusErrors.failure(500, "InternalError",
            "error: the node-agent closed the " + what + " request without an answer")), keepAlive);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      client.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      log.debug("{}: node-agent connection failed: {}", what, cause.toString());
      ctx.close();
    }
  }

  private static void send(Channel ch, int channel, byte[] payload) {
    ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(StreamChannels.message(channel, payload))));
  }

  /**
   * What kubectl sends on the socket: pings answered, a close honoured, and its stream messages
   * (stdin 0, resize 4, v5's close 255) passed to the node-agent as frames of the request body.
   */
  private static final class ClientFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final Channel node;

    ClientFrames(Channel node) {
      this.node = node;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof PingWebSocketFrame) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof CloseWebSocketFrame) {
        ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
      } else if (frame instanceof BinaryWebSocketFrame b) {
        StreamChannels.Message m = StreamChannels.read(ByteBufUtil.getBytes(b.content()));
        if (m.channel() == ExecFrames.STDIN || m.channel() == ExecFrames.RESIZE || m.channel() == ExecFrames.CLOSE) {
          node.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(ExecFrames.encode(m.channel(),
              m.payload()))));
          if (!node.isWritable()) {
            ctx.channel().config().setAutoRead(false); // NodeAnswer turns it back on once the node-agent has read
          }
        }
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      node.config().setAutoRead(ctx.channel().isWritable());
      ctx.fireChannelWritabilityChanged();
    }
  }
}
