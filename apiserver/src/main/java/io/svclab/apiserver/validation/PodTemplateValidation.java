package io.svclab.apiserver.validation;

import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidatePodTemplateSpecForReplicaSet, shared by Deployments and ReplicaSets. */
final class PodTemplateValidation {
  private PodTemplateValidation() {}

  static List<FieldError> forReplicaSet(PodTemplateSpec template, LabelSelector selector, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    var labels = template.getMetadata().getLabelsMap();
    boolean emptySelector = selector.getMatchLabelsCount() + selector.getMatchExpressionsCount() == 0;
    if (!emptySelector && !LabelValidation.matches(selector, labels)) {
      errs.add(FieldError.invalid(path.child("metadata").child("labels"), BadValue.stringMap(labels),
          "`selector` does not match template `labels`"));
    }
    // Kubernetes checks template labels at <template>.labels, not <template>.metadata.labels
    errs.addAll(LabelValidation.labels(labels, path.child("labels")));
    errs.addAll(ObjectMetaValidation.annotations(template.getMetadata().getAnnotationsMap(), path.child("annotations")));
    errs.addAll(PodSpecValidation.spec(template.getSpec(), path.child("spec")));
    if (!template.getSpec().getRestartPolicy().equals("Always")) {
      errs.add(FieldError.notSupported(path.child("spec").child("restartPolicy"), template.getSpec().getRestartPolicy(), List.of("Always")));
    }
    if (template.getSpec().hasActiveDeadlineSeconds()) {
      errs.add(FieldError.forbidden(path.child("spec").child("activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
    return errs;
  }

  /** The selector checks Deployments and ReplicaSets share; null selector means absent. */
  static List<FieldError> selector(LabelSelector selector, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (selector == null) {
      errs.add(FieldError.required(path, ""));
      return errs;
    }
    errs.addAll(LabelValidation.selector(selector, path));
    if (selector.getMatchLabelsCount() + selector.getMatchExpressionsCount() == 0) {
      errs.add(FieldError.invalid(path, BadValue.goSyntax(
          "&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}"),
          "empty selector is invalid for deployment"));
    }
    return errs;
  }
}
