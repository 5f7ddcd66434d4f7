package io.svclab.workload.deployment;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.IntOrString;
import io.svclab.workload.WellKnown;

/**
 * maxSurge and maxUnavailable resolved against the desired replicas, as Kubernetes'
 * ResolveFenceposts: percentages of replicas, surge rounded up and unavailability rounded
 * down, and never both zero (a rollout must be able to move).
 */
public record Fenceposts(int maxSurge, int maxUnavailable) {

  public static Fenceposts resolve(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
    int surge = scaled(maxSurge, desired, true);
    int unavailable = scaled(maxUnavailable, desired, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new Fenceposts(surge, unavailable);
  }

  /** Kubernetes' MaxSurge / MaxUnavailable of a Deployment: zero for Recreate, unavailability capped at replicas. */
  public static Fenceposts of(Deployment d) {
    int replicas = d.getSpec().getReplicas();
    if (!WellKnown.ROLLING_UPDATE.equals(d.getSpec().getStrategy().getType())) {
      return new Fenceposts(0, 0);
    }
    var ru = d.getSpec().getStrategy().getRollingUpdate();
    Fenceposts f = resolve(ru.getMaxSurge(), ru.getMaxUnavailable(), replicas);
    return new Fenceposts(f.maxSurge, replicas == 0 ? 0 : Math.min(f.maxUnavailable, replicas));
  }

  /** intstr.GetScaledValueFromIntOrPercent; an unset value counts as 0. */
  static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value.hasNumber()) {
      return value.getNumber();
    }
    if (!value.hasName() || value.getName().isEmpty()) {
      return 0;
    }
    String s = value.getName();
    if (!s.endsWith("%")) {
      throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage");
    }
    int percent = Integer.parseInt(s.substring(0, s.length() - 1));
    long scaled = (long) percent * total;
    return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
  }
}
