package io.svclab.apiserver.defaults;

import com.google.protobuf.Message;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Entry point: the object with Kubernetes' defaults filled in, as a new object. Kinds Kubernetes
 * does not default (Node, Event, Lease) come back unchanged. Allocates nothing.
 */
public final class Defaults {
  private Defaults() {}

  private static final Map<ResourceKind<?>, UnaryOperator<?>> DEFAULTERS = Map.of(
      ResourceKinds.NAMESPACES, (UnaryOperator<io.svclab.api.v1.Namespace>) NamespaceDefaults::apply,
      ResourceKinds.PODS, (UnaryOperator<io.svclab.api.v1.Pod>) PodDefaults::apply,
      ResourceKinds.SERVICES, (UnaryOperator<io.svclab.api.v1.Service>) ServiceDefaults::apply,
      ResourceKinds.ENDPOINTS, (UnaryOperator<io.svclab.api.v1.EndpointsObject>) EndpointsDefaults::apply,
      ResourceKinds.ENDPOINT_SLICES, (UnaryOperator<io.svclab.api.v1.EndpointSlice>) EndpointSliceDefaults::apply,
      ResourceKinds.DEPLOYMENTS, (UnaryOperator<io.svclab.api.v1.Deployment>) DeploymentDefaults::apply,
      ResourceKinds.REPLICA_SETS, (UnaryOperator<io.svclab.api.v1.ReplicaSet>) ReplicaSetDefaults::apply);

  @SuppressWarnings("unchecked")
  public static <T extends Message> T apply(ResourceKind<T> kind, T obj) {
    UnaryOperator<T> d = (UnaryOperator<T>) DEFAULTERS.get(kind);
    return d == null ? obj : d.apply(obj);
  }

  /**
   * Kubernetes' {@code SetDefaults_*} alone: what kube-apiserver's decoder fills in before its
   * field manager records who wrote what. The same as {@link #apply} but for Services, whose
   * strategy and IP allocator fill more (clusterIPs, ipFamilies, ipFamilyPolicy) after it.
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T declared(ResourceKind<T> kind, T obj) {
    if (kind == ResourceKinds.SERVICES) {
      return (T) ServiceDefaults.declared((io.svclab.api.v1.Service) obj);
    }
    return apply(kind, obj);
  }
}
