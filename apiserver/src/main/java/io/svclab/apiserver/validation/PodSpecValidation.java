package io.svclab.apiserver.validation;

import io.svclab.api.v1.PodSpec;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidatePodSpec, for pods and for the templates of Deployments and ReplicaSets. */
final class PodSpecValidation {
  private PodSpecValidation() {}

  private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");

  static List<FieldError> spec(PodSpec spec, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (!spec.hasTerminationGracePeriodSeconds()) {
      errs.add(FieldError.required(path.child("terminationGracePeriodSeconds"), ""));
    }
    errs.addAll(ContainerValidation.containers(spec.getContainersList(), path.child("containers")));
    String restart = spec.getRestartPolicy();
    if (restart.isEmpty()) {
      errs.add(FieldError.required(path.child("restartPolicy"), ""));
    } else if (!RESTART_POLICIES.contains(restart)) {
      errs.add(FieldError.notSupported(path.child("restartPolicy"), restart, RESTART_POLICIES));
    }
    String dns = spec.getDnsPolicy();
    if (dns.isEmpty()) {
      errs.add(FieldError.required(path.child("dnsPolicy"), ""));
    } else if (!DNS_POLICIES.contains(dns)) {
      errs.add(FieldError.notSupported(path.child("dnsPolicy"), dns, DNS_POLICIES));
    }
    errs.addAll(LabelValidation.labels(spec.getNodeSelectorMap(), path.child("nodeSelector")));
    if (dns.equals("None")) {
      if (!spec.hasDnsConfig()) {
        errs.add(FieldError.required(path.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"));
      } else if (spec.getDnsConfig().getNameserversCount() == 0) {
        errs.add(FieldError.required(path.child("dnsConfig").child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
      }
    }
    if (spec.hasDnsConfig()) {
      for (int i = 0; i < spec.getDnsConfig().getNameserversCount(); i++) {
        errs.addAll(IpValidation.ip(path.child("dnsConfig").child("nameservers").index(i), spec.getDnsConfig().getNameservers(i)));
      }
    }
    if (!spec.getNodeName().isEmpty()) {
      for (String msg : NameRule.DNS_SUBDOMAIN.check(spec.getNodeName(), false)) {
        errs.add(FieldError.invalid(path.child("nodeName"), spec.getNodeName(), msg));
      }
    }
    if (spec.hasActiveDeadlineSeconds()) {
      long v = spec.getActiveDeadlineSeconds();
      if (v < 1 || v > Integer.MAX_VALUE) {
        errs.add(FieldError.invalid(path.child("activeDeadlineSeconds"), v, NameValidation.inclusiveRangeError(1, Integer.MAX_VALUE)));
      }
    }
    if (!spec.getHostname().isEmpty()) {
      errs.addAll(NameValidation.dns1123Label(spec.getHostname(), path.child("hostname")));
    }
    if (!spec.getSubdomain().isEmpty()) {
      errs.addAll(NameValidation.dns1123Label(spec.getSubdomain(), path.child("subdomain")));
    }
    return errs;
  }
}
