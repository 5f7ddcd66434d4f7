package io.svclab.apiserver.strategy;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.ScaleSpec;
import io.svclab.api.v1.ScaleStatus;
import io.svclab.apiserver.errors.Violation;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.selection.LabelSelectors;
import java.util.List;
import java.util.Optional;

/** Deployments: the shared rules plus the {@code /scale} subresource ({@code autoscaling/v1} Scale). */
public final class DeploymentStrategy extends DefaultStrategy<Deployment> {
  private static final ScaleSubresource<Deployment> SCALE = new ScaleSubresource<>() {
    @Override
    public Scale scaleOf(Deployment d) {
      ObjectMeta m = d.getMetadata();
      return Scale.newBuilder().setApiVersion("autoscaling/v1").setKind("Scale")
          .setMetadata(ObjectMeta.newBuilder().setName(m.getName()).setNamespace(m.getNamespace()).setUid(m.getUid())
              .setResourceVersion(m.getResourceVersion()).setCreationTimestamp(m.getCreationTimestamp()))
          .setSpec(ScaleSpec.newBuilder().setReplicas(d.getSpec().getReplicas()))
          .setStatus(ScaleStatus.newBuilder().setReplicas(d.getStatus().getReplicas())
              .setSelector(LabelSelectors.render(d.getSpec().getSelector())))
          .build();
    }

    @Override
    public List<Violation> validate(Scale scale) {
      int replicas = scale.getSpec().getReplicas();
      if (replicas >= 0) {
        return List.of();
      }
      return List.of(new Violation("spec.replicas",
          "spec.replicas: Invalid value: " + replicas + ": must be greater than or equal to 0"));
    }

    @Override
    public Deployment scaled(Deployment d, Scale scale) {
      String rv = scale.getMetadata().getResourceVersion();
      Deployment.Builder next = d.toBuilder();
      next.getSpecBuilder().setReplicas(scale.getSpec().getReplicas());
      next.getMetadataBuilder().setResourceVersion(rv.isEmpty() ? d.getMetadata().getResourceVersion() : rv);
      return next.build();
    }
  };

  public DeploymentStrategy() {
    super(ResourceKinds.DEPLOYMENTS, false);
  }

  @Override
  public Optional<ScaleSubresource<Deployment>> scale() {
    return Optional.of(SCALE);
  }
}
