package io.svclab.apiserver.validation;

import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidateLease (pkg/apis/coordination/validation). */
public final class LeaseValidation {
  private LeaseValidation() {}

  public static List<FieldError> create(Lease lease) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(lease.getMetadata(), true, NameRule.DNS_SUBDOMAIN));
    errs.addAll(spec(lease.getSpec()));
    return errs;
  }

  public static List<FieldError> update(Lease updated, Lease old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(spec(updated.getSpec()));
    return errs;
  }

  private static List<FieldError> spec(LeaseSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath path = FieldPath.of("spec");
    if (spec.hasLeaseDurationSeconds() && spec.getLeaseDurationSeconds() <= 0) {
      errs.add(FieldError.invalid(path.child("leaseDurationSeconds"), spec.getLeaseDurationSeconds(), "must be greater than 0"));
    }
    if (spec.hasLeaseTransitions() && spec.getLeaseTransitions() < 0) {
      errs.add(FieldError.invalid(path.child("leaseTransitions"), spec.getLeaseTransitions(), "must be greater than or equal to 0"));
    }
    return errs;
  }
}
