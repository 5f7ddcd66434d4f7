package io.svclab.client.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Lease;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.testing.FakeApiServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Two candidates on one Lease in a fake apiserver. */
class LeaderElectorTest {
  private final List<String> events = new CopyOnWriteArrayList<>();

  private LeaderCallbacks record(String who) {
    return new LeaderCallbacks() {
      @Override
      public void onStartedLeading() { events.add(who + " started"); }

      @Override
      public void onStoppedLeading() { events.add(who + " stopped"); }
    };
  }

  private static LeaderElectionConfig config(String identity) {
    return LeaderElectionConfig.of("kube-system", "test", identity)
        .withTimings(Duration.ofSeconds(600), Duration.ofSeconds(400), Duration.ofMillis(50));
  }

  @Test
  void oneLeadsTheOtherTakesOverAtOnceWhenItReleases() throws Exception {
    try (FakeApiServer<Lease> api = new FakeApiServer<>(ResourceKinds.LEASES)) {
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:" + api.startTcp());
      ResourceClient<Lease> leases = new ResourceClient<>(channel, ResourceKinds.LEASES);
      LeaderElector a = new LeaderElector(leases, config("a"), record("a")).start();
      await().until(a::isLeader);
      LeaderElector b = new LeaderElector(leases, config("b"), record("b")).start();
      Thread.sleep(300); // b polls a fresh lease held by a
      assertThat(b.isLeader()).isFalse();
      String renewedBefore = api.get("kube-system", "test").getMetadata().getResourceVersion();
      await().until(() -> !api.get("kube-system", "test").getMetadata().getResourceVersion().equals(renewedBefore));

      a.stop(); // releases: b need not wait out the lease
      // the ceiling is the behaviour: far below the 600 s lease b would otherwise have to wait out
      await().atMost(Duration.ofSeconds(120)).until(b::isLeader);
      Lease lease = api.get("kube-system", "test");
      assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("b");
      assertThat(lease.getSpec().getLeaseTransitions()).isEqualTo(1);
      b.stop();
      assertThat(events).containsExactly("a started", "a stopped", "b started", "b stopped");
      channel.shutdownNow();
    }
  }
}
