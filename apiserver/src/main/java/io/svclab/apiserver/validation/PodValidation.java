package io.svclab.apiserver.validation;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidatePodCreate / ValidatePodUpdate. */
public final class PodValidation {
  private PodValidation() {}

  private static final FieldPath SPEC = FieldPath.of("spec");
  static final String UPDATABLE_FIELDS = String.join(",",
      "`spec.containers[*].image`",
      "`spec.initContainers[*].image`",
      "`spec.activeDeadlineSeconds`",
      "`spec.tolerations` (only additions to existing tolerations)",
      "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");

  public static List<FieldError> create(Pod pod) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(pod.getMetadata(), true, NameRule.DNS_SUBDOMAIN));
    errs.addAll(PodSpecValidation.spec(pod.getSpec(), SPEC));
    return errs;
  }

  public static List<FieldError> update(Pod updated, Pod old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(PodSpecValidation.spec(updated.getSpec(), SPEC));
    PodSpec n = updated.getSpec();
    PodSpec o = old.getSpec();
    if (n.getContainersCount() != o.getContainersCount()) {
      errs.add(FieldError.forbidden(SPEC.child("containers"), "pod updates may not add or remove containers"));
      return errs;
    }
    if (n.getInitContainersCount() != o.getInitContainersCount()) {
      errs.add(FieldError.forbidden(SPEC.child("initContainers"), "pod updates may not add or remove containers"));
      return errs;
    }
    if (n.hasActiveDeadlineSeconds()) {
      long v = n.getActiveDeadlineSeconds();
      if (v < 0 || v > Integer.MAX_VALUE) {
        errs.add(FieldError.invalid(SPEC.child("activeDeadlineSeconds"), v, NameValidation.inclusiveRangeError(0, Integer.MAX_VALUE)));
        return errs;
      }
      if (o.hasActiveDeadlineSeconds() && o.getActiveDeadlineSeconds() < v) {
        errs.add(FieldError.invalid(SPEC.child("activeDeadlineSeconds"), v, "must be less than or equal to previous value"));
        return errs;
      }
    } else if (o.hasActiveDeadlineSeconds()) {
      errs.add(FieldError.invalid(SPEC.child("activeDeadlineSeconds"), BadValue.goSyntax("null"), "must not update from a positive integer to nil value"));
    }
    PodSpec munged = mungeUpdatable(n, o);
    if (!munged.equals(o)) {
      // Kubernetes appends a go-cmp diff of the two specs; this lists the changed top-level fields instead
      errs.add(FieldError.forbidden(SPEC, "pod updates may not change fields other than " + UPDATABLE_FIELDS + "\n" + SpecDiff.describe(o, munged)));
    }
    return errs;
  }

  /** The new spec with every field a pod update may change reset to the old value. */
  private static PodSpec mungeUpdatable(PodSpec n, PodSpec o) {
    PodSpec.Builder b = n.toBuilder();
    for (int i = 0; i < b.getContainersCount(); i++) {
      Container c = b.getContainers(i);
      b.setContainers(i, c.toBuilder().setImage(o.getContainers(i).getImage()));
    }
    for (int i = 0; i < b.getInitContainersCount(); i++) {
      Container c = b.getInitContainers(i);
      b.setInitContainers(i, c.toBuilder().setImage(o.getInitContainers(i).getImage()));
    }
    if (o.hasActiveDeadlineSeconds()) {
      b.setActiveDeadlineSeconds(o.getActiveDeadlineSeconds());
    } else {
      b.clearActiveDeadlineSeconds();
    }
    if (o.getTolerationsList().stream().allMatch(n.getTolerationsList()::contains)) {
      b.clearTolerations().addAllTolerations(o.getTolerationsList());
    }
    // svclab has no pods/binding subresource: the scheduler binds by setting spec.nodeName on an
    // unbound pod, once; a bound pod's node never changes (Kubernetes' binding rule)
    if (o.getNodeName().isEmpty()) {
      b.setNodeName(o.getNodeName());
    }
    if (o.hasTerminationGracePeriodSeconds() && o.getTerminationGracePeriodSeconds() < 0
        && n.hasTerminationGracePeriodSeconds() && n.getTerminationGracePeriodSeconds() == 1) {
      b.setTerminationGracePeriodSeconds(o.getTerminationGracePeriodSeconds());
    }
    return b.build();
  }
}
