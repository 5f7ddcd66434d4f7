package io.svclab.net.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryingConnectTest {
  /** targets in order, those that refuse, attempts allowed, client still there?, expected log. */
  static Stream<Arguments> cases() {
    return Stream.of(
        arguments(named("first target connects", List.of("a", "b")), Set.of(), 3, true, List.of("dial a", "connected a")),
        arguments(named("second after a refusal", List.of("a", "b")), Set.of("a"), 3, true,
            List.of("dial a", "failed a #1", "dial b", "connected b")),
        arguments(named("all refuse", List.of("a", "b")), Set.of("a", "b"), 3, true,
            List.of("dial a", "failed a #1", "dial b", "failed b #2", "gave up after [a, b]")),
        arguments(named("attempts run out first", List.of("a", "b", "c")), Set.of("a", "b", "c"), 2, true,
            List.of("dial a", "failed a #1", "dial b", "failed b #2", "gave up after [a, b]")),
        arguments(named("no target at all", List.of()), Set.of(), 3, true, List.of("gave up after []")),
        arguments(named("client gone: no retry", List.of("a", "b")), Set.of("a"), 3, false,
            List.of("dial a", "failed a #1", "gave up after [a]")),
        arguments(named("client gone: a late success is closed", List.of("a")), Set.of(), 3, false,
            List.of("dial a", "upstream closed")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void tries(List<String> targets, Set<String> refusing, int attempts, boolean clientActive, List<String> expected) {
    EmbeddedChannel client = new EmbeddedChannel();
    if (!clientActive) client.close();
    List<String> log = new ArrayList<>();
    List<EmbeddedChannel> upstreams = new ArrayList<>();
    RetryingConnect.start(client, attempts,
        tried -> tried.size() < targets.size() ? targets.get(tried.size()) : null,
        target -> {
          log.add("dial " + target);
          EmbeddedChannel up = new EmbeddedChannel();
          upstreams.add(up);
          up.closeFuture().addListener(f -> {
            if (!refusing.contains(target) && !log.contains("connected " + target)) log.add("upstream closed");
          });
          ChannelFuture f = refusing.contains(target) ? up.newFailedFuture(new IOException("refused")) : up.newSucceededFuture();
          return f;
        },
        new RetryingConnect.Outcome<String>() {
          @Override
          public void connected(String target, Channel upstream) {
            log.add("connected " + target);
          }

          @Override
          public void attemptFailed(String target, Throwable cause, int attempt) {
            log.add("failed " + target + " #" + attempt);
          }

          @Override
          public void gaveUp(List<String> tried) {
            log.add("gave up after " + tried);
          }
        });
    assertThat(log).containsExactlyElementsOf(expected);
    for (int i = 0; i < upstreams.size(); i++) {
      boolean refused = refusing.contains(targets.get(i));
      if (refused) assertThat(upstreams.get(i).isOpen()).as("a refused upstream is closed").isFalse();
    }
  }
}
