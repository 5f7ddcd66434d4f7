package io.svclab.net.forward;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;

/** The two ways a forwarder ends a connection. */
public final class ChannelEnds {
  private ChannelEnds() {}

  /** Closes once what is queued is written (a FIN after the data). */
  public static void closeOnFlush(Channel ch) {
    if (ch.isActive()) ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /** Closes with SO_LINGER 0: the peer gets a RST, so a client fails fast instead of hanging. */
  public static void reset(Channel ch) {
    try {
      ch.config().setOption(ChannelOption.SO_LINGER, 0);
    } catch (RuntimeException e) {
      // already closed
    }
    ch.close();
  }
}
