package io.svclab.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.ScaleSpec;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.validation.ApiObjects;
import io.svclab.client.resource.ResourceKinds;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deployments: the {@code /scale} subresource. */
class DeploymentStrategyTest {
  private static final Deployment WEB = ApiObjects.parse(ResourceKinds.DEPLOYMENTS,
      "{'metadata':{'name':'web','namespace':'default','uid':'u1','resourceVersion':'12'},"
          + "'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}}},'status':{'replicas':2}}");
  private final ScaleSubresource<Deployment> scale = new DeploymentStrategy().scale().orElseThrow();

  private static Scale scaleTo(int replicas, String resourceVersion) {
    return Scale.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web").setResourceVersion(resourceVersion))
        .setSpec(ScaleSpec.newBuilder().setReplicas(replicas)).build();
  }

  @Test
  void theScaleOfADeploymentIsItsReplicasAndSelector() {
    Scale s = scale.scaleOf(WEB);
    assertThat(s.getApiVersion() + " " + s.getKind()).isEqualTo("autoscaling/v1 Scale");
    assertThat(s.getMetadata().getName() + " " + s.getMetadata().getUid() + " " + s.getMetadata().getResourceVersion())
        .isEqualTo("web u1 12");
    assertThat(s.getSpec().getReplicas() + " " + s.getStatus().getReplicas() + " " + s.getStatus().getSelector())
        .isEqualTo("3 2 app=web");
  }

  static Stream<Arguments> writes() {
    return Stream.of(
        arguments("scale to five", scaleTo(5, ""), "[]", "replicas 5, resourceVersion 12"),
        arguments("scale to zero", scaleTo(0, ""), "[]", "replicas 0, resourceVersion 12"),
        arguments("a scale's resourceVersion makes the write conditional", scaleTo(4, "11"), "[]",
            "replicas 4, resourceVersion 11"),
        arguments("negative replicas", scaleTo(-1, ""),
            "[spec.replicas: Invalid value: -1: must be greater than or equal to 0]", "replicas -1, resourceVersion 12"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void scaleWrites(String name, Scale write, String errors, String scaled) {
    assertThat(scale.validate(write).stream().map(Violation::rendered).toList().toString()).isEqualTo(errors);
    Deployment d = scale.scaled(WEB, write);
    assertThat("replicas " + d.getSpec().getReplicas() + ", resourceVersion " + d.getMetadata().getResourceVersion())
        .isEqualTo(scaled);
  }
}
