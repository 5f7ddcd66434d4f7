package io.svclab.apiserver.defaults;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentSpec;
import io.svclab.api.v1.DeploymentStrategy;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.RollingUpdateDeployment;

/** Kubernetes' apps/v1 SetDefaults_Deployment, plus the pod-spec defaults of its template. */
public final class DeploymentDefaults {
  private DeploymentDefaults() {}

  public static Deployment apply(Deployment d) {
    DeploymentSpec.Builder s = d.getSpec().toBuilder();
    if (!s.hasReplicas()) {
      s.setReplicas(1);
    }
    DeploymentStrategy.Builder strategy = s.getStrategy().toBuilder();
    if (strategy.getType().isEmpty()) {
      strategy.setType("RollingUpdate");
    }
    if (strategy.getType().equals("RollingUpdate")) {
      RollingUpdateDeployment.Builder ru = strategy.getRollingUpdate().toBuilder();
      if (!ru.hasMaxUnavailable()) {
        ru.setMaxUnavailable(IntOrString.newBuilder().setName("25%"));
      }
      if (!ru.hasMaxSurge()) {
        ru.setMaxSurge(IntOrString.newBuilder().setName("25%"));
      }
      strategy.setRollingUpdate(ru);
    }
    s.setStrategy(strategy);
    if (!s.hasRevisionHistoryLimit()) {
      s.setRevisionHistoryLimit(10);
    }
    if (!s.hasProgressDeadlineSeconds()) {
      s.setProgressDeadlineSeconds(600);
    }
    s.setTemplate(s.getTemplate().toBuilder().setSpec(PodSpecDefaults.apply(s.getTemplate().getSpec())));
    return d.toBuilder().setSpec(s).build();
  }
}
