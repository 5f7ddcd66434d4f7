package io.svclab.client.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import io.svclab.api.v1.ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeaseDecisionTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final LeaderElectionConfig ME = LeaderElectionConfig.of("kube-system", "ctrl", "me");

  /** A lease held by {@code holder} ("" = nobody), renewed {@code agoSeconds} before NOW, 15 s long. */
  private static Lease lease(String holder, long agoSeconds, int transitions) {
    LeaseSpec.Builder spec = LeaseSpec.newBuilder().setLeaseDurationSeconds(15).setLeaseTransitions(transitions)
        .setRenewTime(LeaseTimes.toProto(NOW.minusSeconds(agoSeconds)))
        .setAcquireTime(LeaseTimes.toProto(NOW.minusSeconds(100)));
    if (!holder.isEmpty()) {
      spec.setHolderIdentity(holder);
    }
    return Lease.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("kube-system").setName("ctrl")
        .setResourceVersion("42")).setSpec(spec).build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no lease -> create it", null, false, "Create me transitions=0"),
        Arguments.of("held by us -> renew", lease("me", 2, 3), true, "Renew me transitions=3"),
        Arguments.of("held by us after a restart -> renew", lease("me", 2, 3), false, "Renew me transitions=3"),
        Arguments.of("held by us but expired -> still renew", lease("me", 60, 3), false, "Renew me transitions=3"),
        Arguments.of("held by other, fresh -> wait", lease("other", 2, 3), false, "Wait other"),
        Arguments.of("held by other at exactly expiry -> wait", lease("other", 15, 3), false, "Wait other"),
        Arguments.of("held by other, expired -> acquire", lease("other", 16, 3), false, "Acquire me transitions=4"),
        Arguments.of("released (no holder) -> acquire at once", lease("", 0, 3), false, "Acquire me transitions=4"),
        Arguments.of("we lead but other holds it -> lost", lease("other", 2, 3), true, "Lost other"),
        Arguments.of("we lead, other's lease expired -> acquire", lease("other", 30, 3), true, "Acquire me transitions=4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decide(String name, Lease current, boolean leading, String expected) {
    LeaseDecision d = LeaseDecision.decide(current, ME, leading, NOW);
    String rendered;
    if (d instanceof LeaseDecision.Create c) {
      rendered = "Create " + render(c.lease());
      assertThat(c.lease().getMetadata().getName()).isEqualTo("ctrl");
    } else if (d instanceof LeaseDecision.Acquire a) {
      rendered = "Acquire " + render(a.lease());
      assertThat(a.lease().getSpec().getAcquireTime()).isEqualTo(LeaseTimes.toProto(NOW));
      assertThat(a.lease().getMetadata().getResourceVersion()).isEqualTo("42"); // optimistic concurrency
    } else if (d instanceof LeaseDecision.Renew r) {
      rendered = "Renew " + render(r.lease());
      assertThat(r.lease().getSpec().getAcquireTime()).isEqualTo(LeaseTimes.toProto(NOW.minusSeconds(100)));
    } else if (d instanceof LeaseDecision.Wait w) {
      rendered = "Wait " + w.holder();
    } else {
      rendered = "Lost " + ((LeaseDecision.Lost) d).holder();
    }
    assertThat(rendered).isEqualTo(expected);
  }

  private static String render(Lease l) {
    assertThat(l.getSpec().getRenewTime()).isEqualTo(LeaseTimes.toProto(NOW));
    assertThat(l.getSpec().getLeaseDurationSeconds()).isEqualTo(15);
    return l.getSpec().getHolderIdentity() + " transitions=" + l.getSpec().getLeaseTransitions();
  }

  @Test
  void releaseClearsTheHolderOnlyWhenWeHoldIt() {
    assertThat(LeaseDecision.release(lease("other", 1, 0), "me", NOW)).isEmpty();
    Lease released = LeaseDecision.release(lease("me", 1, 0), "me", NOW).orElseThrow();
    assertThat(released.getSpec().hasHolderIdentity()).isFalse();
    assertThat(released.getMetadata().getResourceVersion()).isEqualTo("42");
  }

  @Test
  void renewDeadline() {
    assertThat(LeaseDecision.renewDeadlinePassed(NOW.minusSeconds(11), Duration.ofSeconds(10), NOW)).isTrue();
    assertThat(LeaseDecision.renewDeadlinePassed(NOW.minusSeconds(9), Duration.ofSeconds(10), NOW)).isFalse();
  }
}
