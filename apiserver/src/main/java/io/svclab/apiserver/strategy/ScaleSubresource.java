package io.svclab.apiserver.strategy;

import io.svclab.api.v1.Scale;
import io.svclab.apiserver.errors.Violation;
import java.util.List;

/** The {@code /scale} subresource of a kind that has one: the object seen as a replica count. */
public interface ScaleSubresource<T> {
  Scale scaleOf(T object);

  /** Every failing field of a scale write, as Kubernetes reports them for {@code Scale}. */
  List<Violation> validate(Scale scale);

  /** The object with the scale's replicas; its resourceVersion from the scale when it has one. */
  T scaled(T object, Scale scale);
}
