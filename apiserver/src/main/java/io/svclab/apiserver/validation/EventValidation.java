package io.svclab.apiserver.validation;

import io.svclab.api.v1.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' legacy core/v1 Event validation (ValidateEventCreate for v1). Event names are
 * only checked as URL path segments, as the generic registry does for every kind.
 */
public final class EventValidation {
  private EventValidation() {}

  private static final int REPORTING_INSTANCE_LIMIT = 128;
  private static final int ACTION_LIMIT = 128;
  private static final int REASON_LIMIT = 128;
  private static final int NOTE_LIMIT = 1024;

  public static List<FieldError> create(Event event) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(event.getMetadata(), true, NameRule.PATH_SEGMENT));
    errs.addAll(body(event));
    return errs;
  }

  public static List<FieldError> update(Event updated, Event old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(body(updated));
    return errs;
  }

  private static List<FieldError> body(Event event) {
    List<FieldError> errs = new ArrayList<>();
    String ns = event.getMetadata().getNamespace();
    String involvedNs = event.getInvolvedObject().getNamespace();
    FieldPath involvedPath = FieldPath.of("involvedObject", "namespace");
    if (!event.hasEventTime()) {
      boolean mismatch = involvedNs.isEmpty() ? !ns.isEmpty() && !ns.equals("default") : !ns.equals(involvedNs);
      if (mismatch) {
        errs.add(FieldError.invalid(involvedPath, involvedNs, "does not match event.namespace"));
      }
    } else {
      if (involvedNs.isEmpty() && !ns.equals("default") && !ns.equals("kube-system")) {
        errs.add(FieldError.invalid(involvedPath, involvedNs, "does not match event.namespace"));
      }
      FieldPath component = FieldPath.of("reportingComponent");
      if (event.getReportingComponent().isEmpty()) {
        errs.add(FieldError.required(component, ""));
      }
      errs.addAll(LabelValidation.qualifiedName(event.getReportingComponent(), component));
      errs.addAll(limited(event.getReportingInstance(), "reportingInstance", REPORTING_INSTANCE_LIMIT, true));
      errs.addAll(limited(event.getAction(), "action", ACTION_LIMIT, true));
      errs.addAll(limited(event.getReason(), "reason", REASON_LIMIT, true));
      errs.addAll(limited(event.getMessage(), "message", NOTE_LIMIT, false));
    }
    for (String msg : NameValidation.dns1123Subdomain(ns)) {
      errs.add(FieldError.invalid(FieldPath.of("namespace"), ns, msg));
    }
    return errs;
  }

  private static List<FieldError> limited(String value, String field, int limit, boolean required) {
    List<FieldError> errs = new ArrayList<>();
    if (required && value.isEmpty()) {
      errs.add(FieldError.required(FieldPath.of(field), ""));
    }
    if (NameValidation.byteLength(value) > limit) {
      errs.add(FieldError.invalid(FieldPath.of(field), "", "can have at most " + limit + " characters"));
    }
    return errs;
  }
}
