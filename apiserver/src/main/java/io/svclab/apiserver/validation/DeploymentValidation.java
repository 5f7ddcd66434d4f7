package io.svclab.apiserver.validation;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentSpec;
import io.svclab.api.v1.DeploymentStrategy;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidateDeployment / ValidateDeploymentUpdate (pkg/apis/apps/validation). */
public final class DeploymentValidation {
  private DeploymentValidation() {}

  private static final FieldPath SPEC = FieldPath.of("spec");

  public static List<FieldError> create(Deployment d) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(d.getMetadata(), true, NameRule.DNS_SUBDOMAIN));
    errs.addAll(spec(d.getSpec()));
    return errs;
  }

  public static List<FieldError> update(Deployment updated, Deployment old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(spec(updated.getSpec()));
    return errs;
  }

  private static List<FieldError> spec(DeploymentSpec spec) {
    List<FieldError> errs = new ArrayList<>(NumberValidation.nonNegative(spec.getReplicas(), SPEC.child("replicas")));
    LabelSelector selector = spec.hasSelector() ? spec.getSelector() : null;
    errs.addAll(PodTemplateValidation.selector(selector, SPEC.child("selector")));
    errs.addAll(PodTemplateValidation.forReplicaSet(spec.getTemplate(),
        selector == null ? LabelSelector.getDefaultInstance() : selector, SPEC.child("template")));
    errs.addAll(strategy(spec.getStrategy(), SPEC.child("strategy")));
    errs.addAll(NumberValidation.nonNegative(spec.getMinReadySeconds(), SPEC.child("minReadySeconds")));
    if (spec.hasRevisionHistoryLimit()) {
      errs.addAll(NumberValidation.nonNegative(spec.getRevisionHistoryLimit(), SPEC.child("revisionHistoryLimit")));
    }
    if (spec.hasProgressDeadlineSeconds()) {
      errs.addAll(NumberValidation.nonNegative(spec.getProgressDeadlineSeconds(), SPEC.child("progressDeadlineSeconds")));
      if (spec.getProgressDeadlineSeconds() <= spec.getMinReadySeconds()) {
        errs.add(FieldError.invalid(SPEC.child("progressDeadlineSeconds"), spec.getProgressDeadlineSeconds(), "must be greater than minReadySeconds"));
      }
    }
    return errs;
  }

  private static List<FieldError> strategy(DeploymentStrategy strategy, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    switch (strategy.getType()) {
      case "Recreate" -> {
        if (strategy.hasRollingUpdate()) {
          errs.add(FieldError.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
        }
      }
      case "RollingUpdate" -> {
        if (!strategy.hasRollingUpdate()) {
          errs.add(FieldError.required(path.child("rollingUpdate"), "this should be defaulted and never be nil"));
        } else {
          errs.addAll(rollingUpdate(strategy.getRollingUpdate(), path.child("rollingUpdate")));
        }
      }
      default -> errs.add(FieldError.notSupported(path, BadValue.goSyntax(
          "apps.DeploymentStrategy{Type:" + GoQuote.quote(strategy.getType()) + ", RollingUpdate:(*apps.RollingUpdateDeployment)("
              + (strategy.hasRollingUpdate() ? "0xc000000000" : "nil") + ")}"),
          List.of("Recreate", "RollingUpdate")));
    }
    return errs;
  }

  private static List<FieldError> rollingUpdate(RollingUpdateDeployment ru, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    errs.addAll(positiveIntOrPercent(ru.getMaxUnavailable(), path.child("maxUnavailable")));
    errs.addAll(positiveIntOrPercent(ru.getMaxSurge(), path.child("maxSurge")));
    if (intOrPercentValue(ru.getMaxUnavailable()) == 0 && intOrPercentValue(ru.getMaxSurge()) == 0) {
      errs.add(FieldError.invalid(path.child("maxUnavailable"), PortValidation.intOrString(ru.getMaxUnavailable()),
          "may not be 0 when `maxSurge` is 0"));
    }
    if (isPercent(ru.getMaxUnavailable()) && intOrPercentValue(ru.getMaxUnavailable()) > 100) {
      errs.add(FieldError.invalid(path.child("maxUnavailable"), PortValidation.intOrString(ru.getMaxUnavailable()), "must not be greater than 100%"));
    }
    return errs;
  }

  private static List<FieldError> positiveIntOrPercent(IntOrString v, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (v.getValueCase() == IntOrString.ValueCase.NAME) {
      NameValidation.percent(v.getName()).forEach(m -> errs.add(FieldError.invalid(path, PortValidation.intOrString(v), m)));
    } else {
      errs.addAll(NumberValidation.nonNegative(v.getNumber(), path));
    }
    return errs;
  }

  private static boolean isPercent(IntOrString v) {
    return v.getValueCase() == IntOrString.ValueCase.NAME && NameValidation.percent(v.getName()).isEmpty();
  }

  /** getIntOrPercentValue: the percentage number for "25%", the int otherwise, 0 when unparseable. */
  private static long intOrPercentValue(IntOrString v) {
    if (isPercent(v)) {
      String digits = v.getName().substring(0, v.getName().length() - 1);
      return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }
    return v.getValueCase() == IntOrString.ValueCase.NAME ? 0 : v.getNumber();
  }
}
