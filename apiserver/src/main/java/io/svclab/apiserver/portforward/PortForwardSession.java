package io.svclab.apiserver.portforward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.svclab.apiserver.kubelet.KubeletTarget;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet side of one kubectl port-forward connection (SPDY frames, after the WebSocket tunnel
 * or the SPDY upgrade): streams are accepted with a reply and paired by requestID
 * ({@link StreamHeaders}, {@link StreamPair}); a complete pair opens a {@link KubeletTunnel} to the
 * pod's node-agent and bytes are moved between the data stream and it. When the pod side ends, both
 * streams are closed (after the error text, if any), which is what kubectl waits for.
 */
public final class PortForwardSession extends SimpleChannelInboundHandler<SpdyFrame> {
  private static final Logger log = LoggerFactory.getLogger(PortForwardSession.class);
  /** kubelet's streamCreationTimeout. */
  private static final long PAIR_TIMEOUT_SECONDS = 30;

  /** {@code http://node:port/portForward/NS/POD}; {@code ?port=N} is added per connection. */
  private final KubeletTarget kubelet;
  private final String podName;
  private final Map<Integer, String> requestOfStream = new HashMap<>();
  private final Map<String, StreamPair> pairs = new LinkedHashMap<>();
  private final Map<String, KubeletTunnel> tunnels = new HashMap<>();
  private ChannelHandlerContext ctx;

  public PortForwardSession(KubeletTarget kubelet, String podName) {
    this.kubelet = kubelet;
    this.podName = podName;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, SpdyFrame frame) {
    if (frame instanceof SpdySynStreamFrame syn) {
      opened(syn);
    } else if (frame instanceof SpdyDataFrame data) {
      data(data);
    } else if (frame instanceof SpdyRstStreamFrame rst) {
      reset(rst.streamId());
    } else if (frame instanceof SpdyPingFrame ping) {
      ctx.writeAndFlush(new DefaultSpdyPingFrame(ping.id()));
    } else if (frame instanceof SpdyGoAwayFrame) {
      ctx.close();
    }
    // SETTINGS, WINDOW_UPDATE, HEADERS: client-go's spdystream does no flow control to honour
  }

  private void opened(SpdySynStreamFrame syn) {
    int id = syn.streamId();
    Map<String, String> headers = new HashMap<>();
    for (Map.Entry<CharSequence, CharSequence> e : syn.headers()) {
      headers.put(e.getKey().toString(), e.getValue().toString());
    }
    StreamHeaders.Parsed parsed = StreamHeaders.parse(headers, id);
    if (parsed instanceof StreamHeaders.Rejected r) {
      log.debug("port-forward {}: stream {} refused: {}", podName, id, r.message());
      ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.REFUSED_STREAM));
      return;
    }
    StreamHeaders.Accepted s = (StreamHeaders.Accepted) parsed;
    DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(id);
    // Netty leaves out an empty header block, which client-go's SPDY framer reads as a protocol error
    reply.headers().set("streamtype", s.type());
    ctx.writeAndFlush(reply);
    requestOfStream.put(id, s.requestId());
    boolean created = !pairs.containsKey(s.requestId()) && !tunnels.containsKey(s.requestId());
    StreamPair pair = pairs.getOrDefault(s.requestId(), StreamPair.empty(s.requestId()));
    StreamPair.Outcome o = pair.add(s, id);
    if (o instanceof StreamPair.Duplicate d) {
      if (pair.errorStream() != 0) {
        send(pair.errorStream(), Unpooled.copiedBuffer(d.message(), StandardCharsets.UTF_8), false);
      }
      ctx.writeAndFlush(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
      return;
    }
    StreamPair.Added added = (StreamPair.Added) o;
    pairs.put(s.requestId(), added.pair());
    if (created) {
      ctx.executor().schedule(() -> expire(s.requestId()), PAIR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    if (added.complete()) {
      start(added.pair());
    }
  }

  private void expire(String requestId) {
    StreamPair p = pairs.get(requestId);
    if (p != null && !tunnels.containsKey(requestId)) {
      pairs.remove(requestId);
      if (p.errorStream() != 0) {
        send(p.errorStream(), Unpooled.copiedBuffer(p.timedOut(ctx.channel().id().asShortText()),
            StandardCharsets.UTF_8), true);
      }
    }
  }

  private void start(StreamPair pair) {
    KubeletTarget url = kubelet.withQuery("port=" + pair.port());
    log.debug("port-forward {}: request {} to port {}", podName, pair.requestId(), pair.port());
    KubeletTunnel t = KubeletTunnel.open(ctx.channel().eventLoop(), url, new KubeletTunnel.Listener() {
      @Override
      public void fromPod(ByteBuf bytes) {
        ctx.writeAndFlush(new DefaultSpdyDataFrame(pair.dataStream(), bytes));
      }

      @Override
      public void ended(String error) {
        finished(pair, error);
      }
    });
    tunnels.put(pair.requestId(), t);
    t.setReading(ctx.channel().isWritable());
  }

  /** As kubelet's portForward returns: the error (if any) on the error stream, then both streams closed. */
  private void finished(StreamPair pair, String error) {
    if (tunnels.remove(pair.requestId()) == null) {
      return;
    }
    pairs.remove(pair.requestId());
    requestOfStream.remove(pair.dataStream());
    requestOfStream.remove(pair.errorStream());
    if (!error.isEmpty()) {
      log.info("port-forward {}: {}", podName, error);
      send(pair.errorStream(), Unpooled.copiedBuffer(error, StandardCharsets.UTF_8), false);
    }
    send(pair.errorStream(), Unpooled.EMPTY_BUFFER, true);
    send(pair.dataStream(), Unpooled.EMPTY_BUFFER, true);
  }

  private void data(SpdyDataFrame data) {
    String requestId = requestOfStream.get(data.streamId());
    StreamPair pair = requestId == null ? null : pairs.get(requestId);
    KubeletTunnel t = requestId == null ? null : tunnels.get(requestId);
    if (pair == null || t == null || data.streamId() != pair.dataStream()) {
      return; // the error stream's close, or bytes for a connection already over
    }
    if (data.content().isReadable()) {
      t.toPod(data.content().retain());
    }
    if (data.isLast()) {
      t.finish();
    }
  }

  /** kubectl resets the data stream once it is done with a connection: the hop goes too. */
  private void reset(int streamId) {
    String requestId = requestOfStream.remove(streamId);
    if (requestId == null) {
      return;
    }
    KubeletTunnel t = tunnels.remove(requestId);
    StreamPair p = pairs.remove(requestId);
    if (p != null) {
      requestOfStream.remove(p.dataStream());
      requestOfStream.remove(p.errorStream());
    }
    if (t != null) {
      t.close();
    }
  }

  private void send(int streamId, ByteBuf bytes, boolean last) {
    DefaultSpdyDataFrame f = new DefaultSpdyDataFrame(streamId, bytes);
    f.setLast(last);
    ctx.writeAndFlush(f);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    boolean writable = ctx.channel().isWritable();
    tunnels.values().forEach(t -> t.setReading(writable));
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    List.copyOf(tunnels.values()).forEach(KubeletTunnel::close);
    tunnels.clear();
    pairs.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("port-forward {}: connection closed: {}", podName, cause.toString());
    ctx.close();
  }
}
