package io.svclab.apiserver.openapi;

import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' documentation of one API type: its description, each field's (by JSON name; absent where
 * Kubernetes has none) and the fields it marks required.
 */
public record TypeDoc(String description, Map<String, String> fields, Set<String> required) {
  public static final TypeDoc NONE = new TypeDoc("", Map.of(), Set.of());

  public TypeDoc {
    fields = Map.copyOf(fields);
    required = Set.copyOf(required);
  }
}
