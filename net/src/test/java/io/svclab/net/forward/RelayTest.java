package io.svclab.net.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RelayTest {
  @Test
  void copiesToThePeerAndCountsOncePerBatch() {
    EmbeddedChannel peer = new EmbeddedChannel();
    List<Long> counted = new ArrayList<>();
    EmbeddedChannel source = new EmbeddedChannel(new Relay(peer, counted::add, RelayErrors.closeBoth()));
    source.writeInbound(buf("hello "), buf("world"));
    assertThat(text(peer.readOutbound()) + text(peer.readOutbound())).isEqualTo("hello world");
    assertThat(counted).containsExactly(11L);
  }

  @Test
  void theSourceClosingClosesThePeerAfterItsData() {
    EmbeddedChannel peer = new EmbeddedChannel();
    EmbeddedChannel source = new EmbeddedChannel(new Relay(peer, n -> {}, RelayErrors.closeBoth()));
    source.writeInbound(buf("last"));
    source.close();
    assertThat(text(peer.readOutbound())).isEqualTo("last");
    assertThat(peer.isOpen()).isFalse();
  }

  /** A FIN where the peer cannot half-close (not a socket): both end, the peer after what it was sent. */
  @Test
  void aFinTowardsAPeerThatCannotHalfCloseEndsBothAfterTheData() {
    EmbeddedChannel peer = new EmbeddedChannel();
    EmbeddedChannel source = new EmbeddedChannel(new Relay(peer, n -> {}, RelayErrors.closeBoth()));
    source.writeInbound(buf("last"));
    source.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    assertThat(text(peer.readOutbound())).isEqualTo("last");
    assertThat(peer.isOpen()).isFalse();
    assertThat(source.isOpen()).isFalse();
  }

  @Test
  void readsToAGonePeerAreDropped() {
    EmbeddedChannel peer = new EmbeddedChannel();
    peer.close();
    EmbeddedChannel source = new EmbeddedChannel(new Relay(peer, n -> {}, RelayErrors.closeBoth()));
    ByteBuf data = buf("lost");
    source.writeInbound(data);
    assertThat(data.refCnt()).as("released, not leaked").isZero();
  }

  /** which channel fails (the client or the upstream), the policy, and which channels stay open afterwards. */
  static Stream<Arguments> errorPolicies() {
    Function<Channel, RelayErrors> reset = RelayErrors::resetClient;
    Function<Channel, RelayErrors> close = c -> RelayErrors.closeBoth();
    return Stream.of(
        arguments(named("reset policy, client read fails", reset), true, false, false),
        arguments(named("reset policy, upstream read fails", reset), false, false, false),
        arguments(named("close policy, client read fails", close), true, false, false),
        arguments(named("close policy, upstream read fails", close), false, false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorPolicies")
  void anErrorEndsBothSides(Function<Channel, RelayErrors> policy, boolean clientFails, boolean clientOpen,
      boolean upstreamOpen) {
    EmbeddedChannel client = new EmbeddedChannel();
    EmbeddedChannel upstream = new EmbeddedChannel();
    EmbeddedChannel failing = clientFails ? client : upstream;
    Channel peer = clientFails ? upstream : client;
    failing.pipeline().addLast(new Relay(peer, n -> {}, policy.apply(client)));
    failing.pipeline().fireExceptionCaught(new IOException("connection reset by peer"));
    assertThat(client.isOpen()).isEqualTo(clientOpen);
    assertThat(upstream.isOpen()).isEqualTo(upstreamOpen);
  }

  private static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static String text(Object msg) {
    ByteBuf b = (ByteBuf) msg;
    try {
      return b.toString(StandardCharsets.UTF_8);
    } finally {
      b.release();
    }
  }
}
