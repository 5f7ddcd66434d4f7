package io.svclab.apiserver.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' OpenAPI definition name of each message of the model ({@code io.k8s.api.core.v1.ServicePort},
 * {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}, ...): the name kubectl shows as a field's type
 * ({@code <[]ServicePort>}) and the key under which Kubernetes' own descriptions are found.
 */
public final class KubeDefinitions {
  private KubeDefinitions() {}

  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";
  public static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

  /** Messages whose Kubernetes name differs from the proto's (a proto name cannot repeat one in the package). */
  private static final Map<String, String> RENAMED = Map.of(
      "EndpointsObject", "Endpoints",
      "EndpointSlicePort", "EndpointPort",
      "EventsV1Event", "Event",
      "EventsV1EventSeries", "EventSeries");

  private static final Set<String> META_TYPES = Set.of("ObjectMeta", "ListMeta", "OwnerReference", "LabelSelector",
      "LabelSelectorRequirement", "Condition", "ManagedFieldsEntry", "FieldsV1");

  /** The definition name of {@code d}, e.g. {@code io.k8s.api.apps.v1.DeploymentSpec}. */
  public static String name(Descriptor d) {
    String simple = d.getName();
    if (simple.equals("IntOrString")) {
      return INT_OR_STRING;
    }
    return packageOf(d) + RENAMED.getOrDefault(simple, simple);
  }

  private static String packageOf(Descriptor d) {
    String simple = d.getName();
    String file = d.getFile().getName();
    if (META_TYPES.contains(simple)) {
      return META;
    }
    if (simple.startsWith("EventsV1")) {
      return "io.k8s.api.events.v1.";
    }
    if (file.endsWith("/discovery.proto")) {
      return "io.k8s.api.discovery.v1.";
    }
    if (file.endsWith("/apps.proto")) {
      if (simple.startsWith("Scale")) {
        return "io.k8s.api.autoscaling.v1.";
      }
      return simple.startsWith("Lease") ? "io.k8s.api.coordination.v1." : "io.k8s.api.apps.v1.";
    }
    return "io.k8s.api.core.v1.";
  }

  /** The last segment, what kubectl prints as the type: {@code ServicePort}. */
  public static String shortName(String definition) {
    return definition.substring(definition.lastIndexOf('.') + 1);
  }
}
