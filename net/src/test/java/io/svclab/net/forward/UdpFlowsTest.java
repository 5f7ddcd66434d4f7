package io.svclab.net.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UdpFlowsTest {
  static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 5000);
  static final Duration IDLE = Duration.ofSeconds(30);

  /** What happens to one open flow (to target "ep-1"), whether it is still there afterwards. */
  static Stream<Arguments> lifecycles() {
    return Stream.of(
        arguments(named("fresh flow stays", (BiConsumer<UdpFlows<String>, AtomicLong>) (f, clock) -> f.closeIdle(IDLE)), true),
        arguments(named("idle past the timeout closes", (BiConsumer<UdpFlows<String>, AtomicLong>) (f, clock) -> {
          clock.addAndGet(IDLE.plusSeconds(1).toNanos());
          f.closeIdle(IDLE);
        }), false),
        arguments(named("a request keeps it", (BiConsumer<UdpFlows<String>, AtomicLong>) (f, clock) -> {
          clock.addAndGet(IDLE.minusSeconds(1).toNanos());
          f.live(CLIENT);
          clock.addAndGet(Duration.ofSeconds(2).toNanos());
          f.closeIdle(IDLE);
        }), true),
        arguments(named("a reply keeps it", (BiConsumer<UdpFlows<String>, AtomicLong>) (f, clock) -> {
          clock.addAndGet(IDLE.minusSeconds(1).toNanos());
          f.touch(CLIENT);
          clock.addAndGet(Duration.ofSeconds(2).toNanos());
          f.closeIdle(IDLE);
        }), true),
        arguments(named("its target gone closes", (BiConsumer<UdpFlows<String>, AtomicLong>) (f, clock) ->
            f.closeIf("ep-1"::equals)), false),
        arguments(named("another target gone keeps it", (BiConsumer<UdpFlows<String>, AtomicLong>) (f, clock) ->
            f.closeIf("ep-2"::equals)), true),
        arguments(named("close all", (BiConsumer<UdpFlows<String>, AtomicLong>) (f, clock) -> f.closeAll()), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lifecycles")
  void flowLifecycle(BiConsumer<UdpFlows<String>, AtomicLong> events, boolean stays) {
    AtomicLong clock = new AtomicLong(1_000_000_000L);
    UdpFlows<String> flows = new UdpFlows<>(clock::get);
    EmbeddedChannel channel = new EmbeddedChannel();
    AtomicInteger closed = new AtomicInteger();
    flows.open(CLIENT, channel, "ep-1", closed::incrementAndGet);
    events.accept(flows, clock);
    assertThat(flows.size()).isEqualTo(stays ? 1 : 0);
    assertThat(channel.isOpen()).isEqualTo(stays);
    assertThat(closed.get()).isEqualTo(stays ? 0 : 1);
    assertThat(flows.live(CLIENT) != null).isEqualTo(stays);
  }
}
