package io.svclab.net.forward;

import io.netty.channel.Channel;

/** What a {@link Relay} does when its channel fails (a read error, or a failed write to it). */
@FunctionalInterface
public interface RelayErrors {
  /**
   * @param failed the channel the error happened on
   * @param peer   the other side of the connection
   */
  void failed(Channel failed, Channel peer);

  /**
   * kube-proxy's userspace behaviour: the client is reset (RST), the endpoint side closed,
   * as when no endpoint could be reached at all.
   */
  static RelayErrors resetClient(Channel client) {
    return (failed, peer) -> {
      if (failed != client) failed.close();
      ChannelEnds.reset(client);
    };
  }

  /** A load balancer's: both sides end once what is queued is flushed. */
  static RelayErrors closeBoth() {
    return (failed, peer) -> {
      ChannelEnds.closeOnFlush(failed);
      ChannelEnds.closeOnFlush(peer);
    };
  }
}
