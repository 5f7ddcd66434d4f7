package io.svclab.apiserver.validation;

import com.google.protobuf.Message;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import java.util.Map;

/**
 * Entry point: every failing field of an object, as Kubernetes reports them, for any of the ten
 * kinds. Call after defaulting; render with {@link InvalidObjectMessage}.
 */
public final class Validation {
  private Validation() {}

  private static final Map<ResourceKind<?>, KindValidator<?>> VALIDATORS = Map.of(
      ResourceKinds.NAMESPACES, new KindValidator<>(NamespaceValidation::create, NamespaceValidation::update),
      ResourceKinds.NODES, new KindValidator<>(NodeValidation::create, NodeValidation::update),
      ResourceKinds.PODS, new KindValidator<>(PodValidation::create, PodValidation::update),
      ResourceKinds.SERVICES, new KindValidator<>(ServiceValidation::create, ServiceValidation::update),
      ResourceKinds.ENDPOINTS, new KindValidator<>(EndpointsValidation::create, EndpointsValidation::update),
      ResourceKinds.ENDPOINT_SLICES, new KindValidator<>(EndpointSliceValidation::create, EndpointSliceValidation::update),
      ResourceKinds.EVENTS, new KindValidator<>(EventValidation::create, EventValidation::update),
      ResourceKinds.DEPLOYMENTS, new KindValidator<>(DeploymentValidation::create, DeploymentValidation::update),
      ResourceKinds.REPLICA_SETS, new KindValidator<>(ReplicaSetValidation::create, ReplicaSetValidation::update),
      ResourceKinds.LEASES, new KindValidator<>(LeaseValidation::create, LeaseValidation::update));

  public static <T extends Message> List<FieldError> validateCreate(ResourceKind<T> kind, T obj) {
    return validator(kind).create().apply(obj);
  }

  public static <T extends Message> List<FieldError> validateUpdate(ResourceKind<T> kind, T updated, T old) {
    return validator(kind).update().apply(updated, old);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> KindValidator<T> validator(ResourceKind<T> kind) {
    KindValidator<?> v = VALIDATORS.get(kind);
    if (v == null) {
      throw new IllegalArgumentException("no validation for " + kind);
    }
    return (KindValidator<T>) v;
  }
}
