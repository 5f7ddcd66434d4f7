package io.svclab.apiserver.validation;

import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetSpec;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidateReplicaSet / ValidateReplicaSetUpdate. */
public final class ReplicaSetValidation {
  private ReplicaSetValidation() {}

  private static final FieldPath SPEC = FieldPath.of("spec");

  public static List<FieldError> create(ReplicaSet rs) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(rs.getMetadata(), true, NameRule.DNS_SUBDOMAIN));
    errs.addAll(spec(rs.getSpec()));
    return errs;
  }

  public static List<FieldError> update(ReplicaSet updated, ReplicaSet old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(spec(updated.getSpec()));
    return errs;
  }

  private static List<FieldError> spec(ReplicaSetSpec spec) {
    List<FieldError> errs = new ArrayList<>(NumberValidation.nonNegative(spec.getReplicas(), SPEC.child("replicas")));
    errs.addAll(NumberValidation.nonNegative(spec.getMinReadySeconds(), SPEC.child("minReadySeconds")));
    LabelSelector selector = spec.hasSelector() ? spec.getSelector() : null;
    errs.addAll(PodTemplateValidation.selector(selector, SPEC.child("selector")));
    errs.addAll(PodTemplateValidation.forReplicaSet(spec.getTemplate(),
        selector == null ? LabelSelector.getDefaultInstance() : selector, SPEC.child("template")));
    return errs;
  }
}
