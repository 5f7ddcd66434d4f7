package io.svclab.apiserver.validation;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/** Names the top-level fields two messages differ in: a readable stand-in for Go's cmp.Diff. */
final class SpecDiff {
  private SpecDiff() {}

  static String describe(Message before, Message after) {
    List<String> changed = new ArrayList<>();
    for (FieldDescriptor f : before.getDescriptorForType().getFields()) {
      if (!before.getField(f).equals(after.getField(f))) {
        changed.add(f.getJsonName());
      }
    }
    return "changed: " + String.join(", ", changed);
  }
}
