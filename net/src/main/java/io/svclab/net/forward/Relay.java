package io.svclab.net.forward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what its channel reads to {@code peer}, the way a kernel-speed proxy does: reads run
 * freely (auto-read), writes are queued and flushed once per read batch (one writev for many
 * reads), and reading stops while the peer's outbound buffer is above its high-water mark,
 * resuming when the peer drains it (back-pressure without a promise per buffer). Bytes are
 * counted once per batch, not per buffer. Both sides of a connection share one event loop.
 * What an error does is the caller's {@link RelayErrors} policy.
 *
 * <p>Half-close, on channels opened with {@code ALLOW_HALF_CLOSURE}: a FIN read on one side is
 * passed on as a FIN to the other once what it still has to write is written (so a client that
 * sends its request and then its FIN still gets the whole answer), and the connection ends when
 * both sides have sent theirs. Without the option a FIN ends the whole connection.
 */
public final class Relay extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(Relay.class);

  private final Channel peer;
  private final LongConsumer bytes;
  private final RelayErrors errors;
  private long batch;

  /**
   * @param peer   where this channel's bytes go
   * @param bytes  told the bytes copied, once per read batch
   * @param errors what a failure of this channel does to the connection
   */
  public Relay(Channel peer, LongConsumer bytes, RelayErrors errors) {
    this.peer = peer;
    this.bytes = bytes;
    this.errors = errors;
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
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      count();
      passFin(ctx.channel());
    }
    ctx.fireUserEventTriggered(evt);
  }

  /** {@code self} read a FIN: the peer sends one after its queued bytes; when the peer had already, both close. */
  private void passFin(Channel self) {
    if (!(peer instanceof DuplexChannel duplexPeer) || !peer.isActive() || duplexPeer.isInputShutdown()) {
      ChannelEnds.closeOnFlush(peer);
      ChannelEnds.closeOnFlush(self);
      return;
    }
    peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) flushed -> {
      if (flushed.isSuccess()) duplexPeer.shutdownOutput();
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    count();
    ChannelEnds.closeOnFlush(peer);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
    errors.failed(ctx.channel(), peer);
  }

  private void count() {
    if (batch > 0) {
      bytes.accept(batch);
      batch = 0;
    }
  }
}
