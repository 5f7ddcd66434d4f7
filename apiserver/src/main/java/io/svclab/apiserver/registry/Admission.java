package io.svclab.apiserver.registry;

import com.google.protobuf.Message;
import io.svclab.apiserver.errors.Violation;
import io.svclab.client.resource.ResourceKind;
import java.util.List;

/** Defaulting and validation for every kind: the pure part of the write pipeline. */
public interface Admission {
  <T extends Message> T applyDefaults(ResourceKind<T> kind, T object);

  /** Every failing field of a create ({@code old == null}) or an update. */
  <T extends Message> List<Violation> validate(ResourceKind<T> kind, T object, T old);
}
