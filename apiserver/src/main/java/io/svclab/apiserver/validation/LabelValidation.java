package io.svclab.apiserver.validation;

import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Label keys (qualified names), label values and label selectors, with Kubernetes' messages. */
public final class LabelValidation {
  private LabelValidation() {}

  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String LABEL_VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final int NAME_MAX = 63;

  /** IsQualifiedName: {@code [prefix/]name}, the format of label keys, annotation keys, finalizers. */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String msg : NameValidation.dns1123Subdomain(prefix)) {
          errs.add("prefix part " + msg);
        }
      }
    } else {
      errs.add("a qualified name " + NameValidation.regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (NameValidation.byteLength(name) > NAME_MAX) {
      errs.add("name part " + NameValidation.maxLenError(NAME_MAX));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add("name part " + NameValidation.regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (NameValidation.byteLength(value) > NAME_MAX) {
      errs.add(NameValidation.maxLenError(NAME_MAX));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(NameValidation.regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  public static List<FieldError> labelName(String key, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (String msg : qualifiedName(key)) {
      errs.add(FieldError.invalid(path, key, msg));
    }
    return errs;
  }

  /** ValidateLabels. Go walks the map in random order; sorted keys keep messages stable. */
  public static List<FieldError> labels(Map<String, String> labels, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      errs.addAll(labelName(e.getKey(), path));
      for (String msg : labelValue(e.getValue())) {
        errs.add(FieldError.invalid(path, e.getValue(), msg));
      }
    }
    return errs;
  }

  public static List<FieldError> selector(LabelSelector selector, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(labels(selector.getMatchLabelsMap(), path.child("matchLabels")));
    for (int i = 0; i < selector.getMatchExpressionsCount(); i++) {
      errs.addAll(requirement(selector.getMatchExpressions(i), path.child("matchExpressions").index(i)));
    }
    return errs;
  }

  private static List<FieldError> requirement(LabelSelectorRequirement r, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    switch (r.getOperator()) {
      case "In", "NotIn" -> {
        if (r.getValuesCount() == 0) {
          errs.add(FieldError.required(path.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (r.getValuesCount() > 0) {
          errs.add(FieldError.forbidden(path.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      default -> errs.add(FieldError.invalid(path.child("operator"), r.getOperator(), "not a valid selector operator"));
    }
    errs.addAll(labelName(r.getKey(), path.child("key")));
    for (int i = 0; i < r.getValuesCount(); i++) {
      for (String msg : labelValue(r.getValues(i))) {
        errs.add(FieldError.invalid(path.child("values").index(i), r.getValues(i), msg));
      }
    }
    return errs;
  }

  /** Whether a selector matches a label set (Kubernetes' LabelSelectorAsSelector + Matches). */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.getMatchLabelsMap().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressionsList()) {
      String v = labels.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> v != null && r.getValuesList().contains(v);
        case "NotIn" -> v == null || !r.getValuesList().contains(v);
        case "Exists" -> v != null;
        case "DoesNotExist" -> v == null;
        default -> false;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public static List<FieldError> qualifiedName(String value, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (String msg : qualifiedName(value)) {
      errs.add(FieldError.invalid(path, value, msg));
    }
    return errs;
  }
}
