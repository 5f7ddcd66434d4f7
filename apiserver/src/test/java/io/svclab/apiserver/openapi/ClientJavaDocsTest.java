package io.svclab.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.svclab.api.v1.FieldsV1;
import io.svclab.client.resource.ResourceKinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientJavaDocsTest {
  static Stream<Arguments> classes() {
    return Stream.of(
        arguments(named("a type of one group", "io.k8s.api.core.v1.ServicePort"), "V1ServicePort"),
        arguments(named("apimachinery", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"), "V1ObjectMeta"),
        arguments(named("core's Event, a name two groups share", "io.k8s.api.core.v1.Event"), "CoreV1Event"),
        arguments(named("events.k8s.io's Event", "io.k8s.api.events.v1.Event"), "EventsV1Event"),
        arguments(named("discovery's EndpointPort", "io.k8s.api.discovery.v1.EndpointPort"), "DiscoveryV1EndpointPort"),
        arguments(named("core's EndpointPort", "io.k8s.api.core.v1.EndpointPort"), "CoreV1EndpointPort"));
  }

  @ParameterizedTest
  @MethodSource("classes")
  void findsClientJavasModelClass(String definition, String simpleName) {
    assertThat(ClientJavaDocs.modelClass(definition)).map(Class::getSimpleName).contains(simpleName);
  }

  @Test
  void servicePortCarriesKubernetesOwnTextAndRequiredPort() {
    TypeDoc doc = ClientJavaDocs.INSTANCE.apply("io.k8s.api.core.v1.ServicePort");
    assertThat(doc.description()).isEqualTo("ServicePort contains information on service's port.");
    assertThat(doc.fields().get("port")).isEqualTo("The port that will be exposed by this service.");
    assertThat(doc.fields().get("nodePort")).startsWith("The port on each node on which this service is exposed");
    assertThat(doc.required()).containsExactly("port");
  }

  @Test
  void anUnknownDefinitionHasNoText() {
    assertThat(ClientJavaDocs.INSTANCE.apply("io.k8s.api.core.v1.NoSuchType")).isEqualTo(TypeDoc.NONE);
  }

  /** Every type and plain field the API serves finds Kubernetes' description (the ones Kubernetes lacks listed). */
  @Test
  void everyServedTypeIsDescribed() {
    Map<String, Descriptor> reached = new HashMap<>();
    ResourceKinds.ALL.forEach(k -> collect(k.prototype().getDescriptorForType(), reached));
    List<String> missing = new ArrayList<>();
    reached.forEach((name, d) -> {
      TypeDoc doc = ClientJavaDocs.INSTANCE.apply(name);
      if (doc.description().isEmpty()) {
        missing.add(name);
      }
    });
    // KeySelector stands for both ConfigMapKeySelector and SecretKeySelector here: no one Kubernetes type
    assertThat(missing).containsExactlyInAnyOrder("io.k8s.api.core.v1.KeySelector");
    TypeDoc spec = ClientJavaDocs.INSTANCE.apply("io.k8s.api.core.v1.ServiceSpec");
    assertThat(spec.fields()).containsKeys("ports", "selector", "type", "clusterIP", "externalTrafficPolicy");
  }

  private static void collect(Descriptor d, Map<String, Descriptor> into) {
    String name = KubeDefinitions.name(d);
    // IntOrString and FieldsV1 are schemas of their own kind (int-or-string, free-form), not described types
    if (d.getFile().getPackage().startsWith("google.") || name.equals(KubeDefinitions.INT_OR_STRING)
        || d.equals(FieldsV1.getDescriptor()) || into.containsKey(name)) {
      return;
    }
    into.put(name, d);
    for (FieldDescriptor f : d.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
        collect(f.getMessageType(), into);
      }
    }
  }
}
