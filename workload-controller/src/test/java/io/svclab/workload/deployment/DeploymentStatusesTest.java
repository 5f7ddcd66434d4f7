package io.svclab.workload.deployment;

import static io.svclab.workload.Fixtures.NOW;
import static io.svclab.workload.Fixtures.deployment;
import static io.svclab.workload.Fixtures.rs;
import static io.svclab.workload.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentCondition;
import io.svclab.api.v1.DeploymentStatus;
import io.svclab.api.v1.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentStatusesTest {
  static Consumer<DeploymentStatus> counts(int replicas, int updated, int ready, int available, int unavailable) {
    return s -> {
      assertThat(s.getReplicas()).as("replicas").isEqualTo(replicas);
      assertThat(s.getUpdatedReplicas()).as("updatedReplicas").isEqualTo(updated);
      assertThat(s.getReadyReplicas()).as("readyReplicas").isEqualTo(ready);
      assertThat(s.getAvailableReplicas()).as("availableReplicas").isEqualTo(available);
      assertThat(s.getUnavailableReplicas()).as("unavailableReplicas").isEqualTo(unavailable);
      assertThat(s.getObservedGeneration()).as("observedGeneration").isEqualTo(1);
    };
  }

  static Consumer<DeploymentStatus> condition(String type, String status, String reason, String message) {
    return s -> assertThat(DeploymentConditions.find(s, type)).get()
        .extracting(DeploymentCondition::getStatus, DeploymentCondition::getReason, DeploymentCondition::getMessage)
        .containsExactly(status, reason, message);
  }

  static Stream<Arguments> cases() {
    Deployment two = deployment(2, "25%", "25%");
    ReplicaSet fresh = withStatus(rs("nginx-deployment-abc", 2, 0, 1), 0, 0, 0);
    return Stream.of(
        Arguments.of("no pods yet: minimum unavailable", two, fresh, List.of(),
            List.of(counts(0, 0, 0, 0, 2), condition("Available", "False", "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability."))),
        Arguments.of("all available: complete", two, rs("nginx-deployment-abc", 2, 2, 1), List.of(),
            List.of(counts(2, 2, 2, 2, 0),
                condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                condition("Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"nginx-deployment-abc\" has successfully progressed."))),
        Arguments.of("mid rollout: old and new pods counted", two, withStatus(rs("new", 1, 0, 1), 1, 0, 0),
            List.of(rs("old", 2, 2, 60)),
            List.of(counts(3, 1, 2, 2, 1), condition("Available", "True", "MinimumReplicasAvailable",
                "Deployment has minimum availability."))),
        Arguments.of("progress since last status: ReplicaSetUpdated", two, rs("new", 2, 1, 1), List.of(),
            List.of(condition("Progressing", "True", "ReplicaSetUpdated", "ReplicaSet \"new\" is progressing."))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computes(String name, Deployment d, ReplicaSet newRs, List<ReplicaSet> old, List<Consumer<DeploymentStatus>> checks) {
    List<ReplicaSet> all = new ArrayList<>(old);
    all.add(newRs);
    DeploymentStatus s = DeploymentStatuses.next(d, Optional.of(newRs), all, NOW);
    checks.forEach(c -> c.accept(s));
  }

  @Test
  void anUnchangedConditionKeepsItsTimestamps() {
    Deployment d = deployment(2, "25%", "25%");
    List<ReplicaSet> all = List.of(rs("new", 2, 2, 1));
    DeploymentStatus first = DeploymentStatuses.next(d, Optional.of(all.get(0)), all, NOW);
    Deployment written = d.toBuilder().setStatus(first).build();
    DeploymentStatus second = DeploymentStatuses.next(written, Optional.of(all.get(0)), all, NOW.plusSeconds(30));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aScaleAfterCompletionKeepsNewReplicaSetAvailable() {
    Deployment d = deployment(2, "25%", "25%");
    List<ReplicaSet> done = List.of(rs("new", 2, 2, 1));
    Deployment complete = d.toBuilder().setStatus(DeploymentStatuses.next(d, Optional.of(done.get(0)), done, NOW)).build();
    Deployment scaled = complete.toBuilder().setSpec(complete.getSpec().toBuilder().setReplicas(3)).build();
    List<ReplicaSet> growing = List.of(withStatus(rs("new", 3, 2, 1), 3, 2, 2));
    DeploymentStatus s = DeploymentStatuses.next(scaled, Optional.of(growing.get(0)), growing, NOW.plusSeconds(5));
    condition("Progressing", "True", "NewReplicaSetAvailable", "ReplicaSet \"new\" has successfully progressed.").accept(s);
  }
}
