package io.svclab.workload.deployment;

import static io.svclab.workload.Fixtures.deployment;
import static io.svclab.workload.Fixtures.recreate;
import static io.svclab.workload.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.workload.deployment.RolloutStep.CreateNewReplicaSet;
import io.svclab.workload.deployment.RolloutStep.Scale;
import io.svclab.workload.deployment.RolloutStep.Steady;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutPlannerTest {
  /** What a step is, in one comparable value: "create 2", "steady", or {name=replicas}. */
  static Object describe(RolloutStep step) {
    if (step instanceof CreateNewReplicaSet c) {
      return "create " + c.replicas();
    }
    if (step instanceof Steady) {
      return "steady";
    }
    return ((Scale) step).scalings().stream()
        .collect(Collectors.toMap(RolloutStep.Scaling::name, RolloutStep.Scaling::replicas));
  }

  static Stream<Arguments> cases() {
    Deployment two = deployment(2, "25%", "25%");  // surge 1, unavailable 0
    Deployment three = deployment(3, "1", "1");
    return Stream.of(
        Arguments.of("new deployment creates its ReplicaSet at full size", two, null, List.of(), 0, "create 2"),
        Arguments.of("template change with 2 old pods: new set gets the one surge pod", two, null,
            List.of(rs("old", 2, 2, 60)), 0, "create 1"),
        Arguments.of("steady at full size", two, rs("new", 2, 2, 10), List.of(), 0, "steady"),
        Arguments.of("scale up grows the new set", deployment(3, "25%", "25%"), rs("new", 2, 2, 10), List.of(), 0,
            Map.of("new", 3)),
        Arguments.of("scale down shrinks the new set", deployment(1, "25%", "25%"), rs("new", 3, 3, 10), List.of(), 0,
            Map.of("new", 1)),
        Arguments.of("surge used up and new pod not available: wait", two, rs("new", 1, 0, 10),
            List.of(rs("old", 2, 2, 60)), 0, "steady"),
        Arguments.of("new pod available: one old pod goes", two, rs("new", 1, 1, 10),
            List.of(rs("old", 2, 2, 60)), 0, Map.of("old", 1)),
        Arguments.of("old set shrank: new set grows into the surge", two, rs("new", 1, 1, 10),
            List.of(rs("old", 1, 1, 60)), 0, Map.of("new", 2)),
        Arguments.of("new set full and available: last old pod goes", two, rs("new", 2, 2, 10),
            List.of(rs("old", 1, 1, 60)), 0, Map.of("old", 0)),
        Arguments.of("unavailable old pods are removed first, beyond the available budget", three, rs("new", 1, 0, 10),
            List.of(rs("old", 3, 1, 60)), 0, Map.of("old", 2)),
        Arguments.of("oldest old set shrinks first", three, rs("new", 3, 3, 5),
            List.of(rs("middle", 1, 1, 30), rs("oldest", 1, 1, 60)), 0, Map.of("oldest", 0, "middle", 0)),
        Arguments.of("Recreate: old sets to zero first", recreate(2), null, List.of(rs("old", 2, 2, 60)), 0,
            Map.of("old", 0)),
        Arguments.of("Recreate: waits while old pods run", recreate(2), null, List.of(rs("old", 0, 0, 60)), 1, "steady"),
        Arguments.of("Recreate: then the new set at full size", recreate(2), null, List.of(rs("old", 0, 0, 60)), 0,
            "create 2"),
        Arguments.of("paused: no new ReplicaSet", two.toBuilder().setSpec(two.getSpec().toBuilder().setPaused(true)).build(),
            null, List.of(rs("old", 2, 2, 60)), 0, "steady"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(String name, Deployment d, ReplicaSet newRs, List<ReplicaSet> old, int oldPodsRunning, Object expected) {
    assertThat(describe(RolloutPlanner.plan(d, Optional.ofNullable(newRs), old, oldPodsRunning))).isEqualTo(expected);
  }
}
