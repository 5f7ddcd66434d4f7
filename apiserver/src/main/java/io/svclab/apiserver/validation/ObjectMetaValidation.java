package io.svclab.apiserver.validation;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** metadata checks shared by every kind (apimachinery's ValidateObjectMeta and its update twin). */
public final class ObjectMetaValidation {
  private ObjectMetaValidation() {}

  private static final FieldPath META = FieldPath.of("metadata");
  private static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
  private static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

  public static List<FieldError> create(ObjectMeta meta, boolean namespaced, NameRule nameRule) {
    List<FieldError> errs = new ArrayList<>();
    if (!meta.getGenerateName().isEmpty()) {
      for (String msg : nameRule.check(meta.getGenerateName(), true)) {
        errs.add(FieldError.invalid(META.child("generateName"), meta.getGenerateName(), msg));
      }
    }
    if (meta.getName().isEmpty()) {
      errs.add(FieldError.required(META.child("name"), "name or generateName is required"));
    } else {
      for (String msg : nameRule.check(meta.getName(), false)) {
        errs.add(FieldError.invalid(META.child("name"), meta.getName(), msg));
      }
    }
    if (namespaced) {
      if (meta.getNamespace().isEmpty()) {
        errs.add(FieldError.required(META.child("namespace"), ""));
      } else {
        for (String msg : NameRule.DNS_LABEL.check(meta.getNamespace(), false)) {
          errs.add(FieldError.invalid(META.child("namespace"), meta.getNamespace(), msg));
        }
      }
    } else if (!meta.getNamespace().isEmpty()) {
      errs.add(FieldError.forbidden(META.child("namespace"), "not allowed on this type"));
    }
    errs.addAll(NumberValidation.nonNegative(meta.getGeneration(), META.child("generation")));
    errs.addAll(common(meta));
    return errs;
  }

  public static List<FieldError> update(ObjectMeta updated, ObjectMeta old) {
    List<FieldError> errs = new ArrayList<>();
    if (old.hasDeletionTimestamp()) {
      Set<String> added = new TreeSet<>(updated.getFinalizersList());
      added.removeAll(old.getFinalizersList());
      if (!added.isEmpty()) {
        errs.add(FieldError.forbidden(META.child("finalizers"),
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + BadValue.stringSlice(List.copyOf(added)).rendered()));
      }
    }
    if (updated.getResourceVersion().isEmpty()) {
      errs.add(FieldError.invalid(META.child("resourceVersion"), updated.getResourceVersion(), "must be specified for an update"));
    }
    if (updated.getGeneration() < old.getGeneration()) {
      errs.add(FieldError.invalid(META.child("generation"), updated.getGeneration(), "must not be decremented"));
    }
    errs.addAll(immutable(updated.getName(), old.getName(), META.child("name")));
    errs.addAll(immutable(updated.getNamespace(), old.getNamespace(), META.child("namespace")));
    errs.addAll(immutable(updated.getUid(), old.getUid(), META.child("uid")));
    errs.addAll(common(updated));
    return errs;
  }

  static List<FieldError> immutable(String updated, String old, FieldPath path) {
    return updated.equals(old) ? List.of() : List.of(FieldError.invalid(path, updated, "field is immutable"));
  }

  private static List<FieldError> common(ObjectMeta meta) {
    List<FieldError> errs = new ArrayList<>(LabelValidation.labels(meta.getLabelsMap(), META.child("labels")));
    errs.addAll(annotations(meta.getAnnotationsMap(), META.child("annotations")));
    errs.addAll(ownerReferences(meta.getOwnerReferencesList(), META.child("ownerReferences")));
    errs.addAll(finalizers(meta.getFinalizersList(), META.child("finalizers")));
    return errs;
  }

  public static List<FieldError> annotations(Map<String, String> annotations, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    long size = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(annotations).entrySet()) {
      // the rule is a qualified name, except that case does not matter
      for (String msg : LabelValidation.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))) {
        errs.add(FieldError.invalid(path, e.getKey(), msg));
      }
      size += NameValidation.byteLength(e.getKey()) + NameValidation.byteLength(e.getValue());
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errs.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    return errs;
  }

  private static List<FieldError> ownerReferences(List<OwnerReference> refs, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    String firstController = "";
    for (OwnerReference ref : refs) {
      String apiVersion = ref.getApiVersion();
      String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
      if (version.isEmpty()) {
        errs.add(FieldError.invalid(path.child("apiVersion"), apiVersion, "version must not be empty"));
      }
      if (ref.getKind().isEmpty()) {
        errs.add(FieldError.invalid(path.child("kind"), ref.getKind(), "must not be empty"));
      }
      if (ref.getName().isEmpty()) {
        errs.add(FieldError.invalid(path.child("name"), ref.getName(), "must not be empty"));
      }
      if (ref.getUid().isEmpty()) {
        errs.add(FieldError.invalid(path.child("uid"), ref.getUid(), "must not be empty"));
      }
      if (ref.hasController() && ref.getController()) {
        String current = ref.getKind() + "/" + ref.getName();
        if (!firstController.isEmpty()) {
          errs.add(FieldError.invalid(path, BadValue.goSyntax("[]v1.OwnerReference{...}"),
              "Only one reference can have Controller set to true. Found \"true\" in references for "
                  + firstController + " and " + current));
        } else {
          firstController = current;
        }
      }
    }
    return errs;
  }

  private static List<FieldError> finalizers(List<String> finalizers, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (String f : finalizers) {
      errs.addAll(LabelValidation.qualifiedName(f, path));
    }
    if (finalizers.contains("orphan") && finalizers.contains("foregroundDeletion")) {
      errs.add(FieldError.invalid(path, BadValue.stringSlice(finalizers), "finalizer orphan and foregroundDeletion cannot be both set"));
    }
    for (String f : finalizers) {
      if (!f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
        errs.add(FieldError.invalid(path, f, "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errs;
  }
}
