package io.svclab.apiserver.selection;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.client.resource.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Field selectors ({@code spec.nodeName=node-1,metadata.name!=x}) over the fields Kubernetes
 * supports per kind; values are read off the object by JSON field path.
 */
public final class FieldSelector {
  private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
  private static final Map<String, Set<String>> PER_KIND = Map.of(
      "Pod", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
          "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
      "Event", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
          "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
          "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
      "Namespace", Set.of("status.phase"),
      "Node", Set.of("spec.unschedulable"),
      "Service", Set.of("spec.clusterIP", "spec.type"),
      "ReplicaSet", Set.of("status.replicas"));

  private record Term(String path, boolean equal, String value) {}

  private FieldSelector() {}

  public static Predicate<Message> parse(ResourceKind<?> kind, String text) {
    if (text == null || text.isBlank()) {
      return m -> true;
    }
    List<Term> terms = new ArrayList<>();
    for (String raw : text.split(",")) {
      String t = raw.trim();
      int neq = t.indexOf("!=");
      int eq = t.indexOf('=');
      Term term;
      if (neq > 0) {
        term = new Term(t.substring(0, neq).trim(), false, t.substring(neq + 2).trim());
      } else if (eq > 0) {
        String v = t.startsWith("==", eq) ? t.substring(eq + 2) : t.substring(eq + 1);
        term = new Term(t.substring(0, eq).trim(), true, v.trim());
      } else {
        throw ApiException.badRequest("invalid selector: '" + text + "'; can't understand '" + t + "'");
      }
      Set<String> allowed = PER_KIND.getOrDefault(kind.kind(), Set.of());
      if (!COMMON.contains(term.path()) && !allowed.contains(term.path())) {
        throw ApiException.badRequest("\"" + term.path() + "\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
      }
      terms.add(term);
    }
    return m -> {
      for (Term term : terms) {
        boolean same = value(m, term.path()).equals(term.value());
        if (same != term.equal()) {
          return false;
        }
      }
      return true;
    };
  }

  /** The scalar at a JSON field path, as text ("" when unset). */
  static String value(Message m, String path) {
    Object cur = m;
    for (String part : path.split("\\.")) {
      if (!(cur instanceof Message msg)) {
        return "";
      }
      FieldDescriptor f = null;
      for (FieldDescriptor fd : msg.getDescriptorForType().getFields()) {
        if (fd.getJsonName().equals(part)) {
          f = fd;
          break;
        }
      }
      if (f == null || f.isRepeated()) {
        return "";
      }
      cur = msg.getField(f);
    }
    return cur instanceof Message ? "" : String.valueOf(cur);
  }
}
