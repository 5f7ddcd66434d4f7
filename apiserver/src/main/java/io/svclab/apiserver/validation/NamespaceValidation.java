package io.svclab.apiserver.validation;

import io.svclab.api.v1.Namespace;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidateNamespace: a DNS-1123 label name and valid spec.finalizers. */
public final class NamespaceValidation {
  private NamespaceValidation() {}

  public static List<FieldError> create(Namespace ns) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(ns.getMetadata(), false, NameRule.DNS_LABEL));
    errs.addAll(finalizers(ns));
    return errs;
  }

  public static List<FieldError> update(Namespace updated, Namespace old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(finalizers(updated));
    return errs;
  }

  private static List<FieldError> finalizers(Namespace ns) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath path = FieldPath.of("spec", "finalizers");
    for (String f : ns.getSpec().getFinalizersList()) {
      errs.addAll(LabelValidation.qualifiedName(f, path));
      if (!f.contains("/") && !List.of("kubernetes", "orphan", "foregroundDeletion").contains(f)) {
        errs.add(FieldError.invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errs;
  }
}
