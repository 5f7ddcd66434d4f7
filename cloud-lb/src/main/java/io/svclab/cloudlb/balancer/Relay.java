package io.svclab.cloudlb.balancer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.function.LongConsumer;

/**
 * Copies what its channel reads to {@code peer}, the way a kernel-speed balancer does: reads
 * run freely (auto-read), writes are queued and flushed once per read batch (one writev for
 * many reads), and reading stops while the peer's outbound buffer is above its high-water mark,
 * resuming when the peer drains it (back-pressure without a promise per buffer). Bytes are
 * counted once per batch. Both sides of a connection share one event loop.
 */
final class Relay extends ChannelInboundHandlerAdapter {
  private final Channel peer;
  private final LongConsumer bytes;
  private long batch;

  Relay(Channel peer, LongConsumer bytes) {
    this.peer = peer;
    this.bytes = bytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!peer.isActive()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof ByteBuf buf) batch += buf.readableBytes();
    peer.write(msg, peer.voidPromise());
    if (!peer.isWritable()) {
      peer.flush();
      if (!peer.isWritable()) ctx.channel().config().setAutoRead(false);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
    count();
  }

  /** This channel drained what the peer sent it: the peer may read again. */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) peer.config().setAutoRead(true);
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    count();
    closeOnFlush(peer);
    ctx.fireChannelInactive();
  }

  /** A read error, or a failed write to this channel (void promise): both sides end once flushed. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    closeOnFlush(ctx.channel());
    closeOnFlush(peer);
  }

  private void count() {
    if (batch > 0) {
      bytes.accept(batch);
      batch = 0;
    }
  }

  static void closeOnFlush(Channel ch) {
    if (ch.isActive()) ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}
