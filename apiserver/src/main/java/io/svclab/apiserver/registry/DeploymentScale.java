package io.svclab.apiserver.registry;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.ScaleSpec;
import io.svclab.api.v1.ScaleStatus;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.selection.LabelSelectors;
import java.util.List;

/** A Deployment's {@code scale} subresource (autoscaling/v1 Scale), for both front doors. */
public final class DeploymentScale {
  private DeploymentScale() {}

  public static Scale of(Deployment d) {
    ObjectMeta m = d.getMetadata();
    return Scale.newBuilder().setApiVersion("autoscaling/v1").setKind("Scale")
        .setMetadata(ObjectMeta.newBuilder().setName(m.getName()).setNamespace(m.getNamespace()).setUid(m.getUid())
            .setResourceVersion(m.getResourceVersion()).setCreationTimestamp(m.getCreationTimestamp()))
        .setSpec(ScaleSpec.newBuilder().setReplicas(d.getSpec().getReplicas()))
        .setStatus(ScaleStatus.newBuilder().setReplicas(d.getStatus().getReplicas())
            .setSelector(LabelSelectors.render(d.getSpec().getSelector())))
        .build();
  }

  public static Scale get(Registry registry, String namespace, String name) {
    return of(registry.get(ResourceKinds.DEPLOYMENTS, namespace, name));
  }

  /** Sets spec.replicas (conditional on the Scale's resourceVersion when it has one). */
  public static Scale update(Registry registry, String namespace, String name, Scale scale) {
    if (scale.getSpec().getReplicas() < 0) {
      throw ApiException.invalid("Scale", name, List.of(new Violation("spec.replicas",
          "spec.replicas: Invalid value: " + scale.getSpec().getReplicas() + ": must be greater than or equal to 0")));
    }
    Deployment d = registry.get(ResourceKinds.DEPLOYMENTS, namespace, name);
    String rv = scale.getMetadata().getResourceVersion();
    Deployment.Builder next = d.toBuilder();
    next.getSpecBuilder().setReplicas(scale.getSpec().getReplicas());
    next.getMetadataBuilder().setResourceVersion(rv.isEmpty() ? d.getMetadata().getResourceVersion() : rv);
    return of(registry.update(ResourceKinds.DEPLOYMENTS, next.build(), false));
  }
}
