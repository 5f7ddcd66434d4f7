package io.svclab.apiserver;

import com.google.protobuf.Message;
import io.svclab.apiserver.defaults.Defaults;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.registry.Admission;
import io.svclab.apiserver.validation.FieldError;
import io.svclab.apiserver.validation.Validation;
import io.svclab.client.resource.ResourceKind;
import java.util.List;

/** Kubernetes' defaulting and validation rules, as the write pipeline's admission step. */
public final class KubernetesAdmission implements Admission {
  private KubernetesAdmission() {}

  public static Admission create() {
    return new KubernetesAdmission();
  }

  @Override
  public <T extends Message> T applyDefaults(ResourceKind<T> kind, T object) {
    return Defaults.apply(kind, object);
  }

  @Override
  public <T extends Message> List<Violation> validate(ResourceKind<T> kind, T object, T old) {
    List<FieldError> errors = old == null ? Validation.validateCreate(kind, object)
        : Validation.validateUpdate(kind, object, old);
    return errors.stream().map(e -> new Violation(e.field(), e.render())).toList();
  }
}
