package io.svclab.apiserver.portforward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.svclab.apiserver.kubelet.KubeletStream;
import io.svclab.apiserver.kubelet.KubeletTarget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * One forwarded connection's hop to the pod's node-agent ({@code POST /portForward/NS/POD?port=N}):
 * the client's bytes go as the chunked request body, the pod's come back as the chunked 200 answer.
 * Runs on the kubectl connection's event loop, so its callbacks need no locking; bytes sent before
 * the connection is up wait in a queue.
 */
public final class KubeletTunnel {
  /** What the session hears back. */
  public interface Listener {
    void fromPod(ByteBuf bytes);

    /** The forwarded connection is over; {@code error} is the text for the error stream, or empty. */
    void ended(String error);
  }


  private final Listener listener;
  private final Queue<Object> pending = new ArrayDeque<>();
  private Channel channel;
  private boolean connected;
  private boolean ended;

  private KubeletTunnel(Listener listener) {
    this.listener = listener;
  }

  public static KubeletTunnel open(EventLoop loop, KubeletTarget url, Listener listener) {
    KubeletTunnel t = new KubeletTunnel(listener);
    ChannelFuture f = KubeletStream.post(loop, url, t.new Answer());
    t.channel = f.channel();
    f.addListener(done -> {
      if (!done.isSuccess()) {
        t.end("error dialing backend: " + done.cause().getMessage());
        return;
      }
      t.connected = true;
      for (Object o = t.pending.poll(); o != null; o = t.pending.poll()) {
        t.channel.write(o);
      }
      t.channel.flush();
    });
    return t;
  }

  /** The client's bytes, in order (owned by the tunnel from here). */
  public void toPod(ByteBuf bytes) {
    send(new DefaultHttpContent(bytes));
  }

  /** The client will send no more (its half-close). */
  public void finish() {
    send(LastHttpContent.EMPTY_LAST_CONTENT);
  }

  private void send(HttpContent c) {
    if (ended) {
      c.release();
    } else if (connected) {
      channel.writeAndFlush(c);
    } else {
      pending.add(c);
    }
  }

  /** Reading from the node-agent pauses while the client cannot take more. */
  public void setReading(boolean read) {
    channel.config().setAutoRead(read);
  }

  public boolean writable() {
    return !connected || channel.isWritable();
  }

  public Channel channel() {
    return channel;
  }

  /** Ends the hop without telling the session (it asked). */
  public void close() {
    ended = true;
    pending.forEach(io.netty.util.ReferenceCountUtil::release);
    pending.clear();
    channel.close();
  }

  private void end(String error) {
    if (!ended) {
      ended = true;
      pending.forEach(io.netty.util.ReferenceCountUtil::release);
      pending.clear();
      channel.close();
      listener.ended(error);
    }
  }

  /** The node-agent's answer: a 200 streams the pod's bytes; anything else is the error text. */
  private final class Answer extends SimpleChannelInboundHandler<HttpObject> {
    private boolean ok;
    private final StringBuilder refusal = new StringBuilder();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpResponse r) {
        ok = r.status().code() == 200;
      }
      if (msg instanceof HttpContent c) {
        if (ok) {
          if (c.content().isReadable() && !ended) {
            listener.fromPod(c.content().retain());
          }
        } else if (refusal.length() < 4096) {
          refusal.append(c.content().toString(StandardCharsets.UTF_8));
        }
        if (msg instanceof LastHttpContent) {
          end(ok ? "" : refusal.toString().strip());
        }
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      end("");
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      end("");
    }
  }
}
