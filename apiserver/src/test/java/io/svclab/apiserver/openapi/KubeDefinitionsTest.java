package io.svclab.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Descriptors.Descriptor;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.ServicePort;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubeDefinitionsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        arguments(named("a core type", ServicePort.getDescriptor()), "io.k8s.api.core.v1.ServicePort"),
        arguments(named("Endpoints, whose proto name cannot be the plural", EndpointsObject.getDescriptor()),
            "io.k8s.api.core.v1.Endpoints"),
        arguments(named("the core EndpointPort", EndpointPort.getDescriptor()), "io.k8s.api.core.v1.EndpointPort"),
        arguments(named("discovery's EndpointPort", EndpointSlicePort.getDescriptor()),
            "io.k8s.api.discovery.v1.EndpointPort"),
        arguments(named("the core Event", Event.getDescriptor()), "io.k8s.api.core.v1.Event"),
        arguments(named("apimachinery's ObjectMeta", ObjectMeta.getDescriptor()),
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"),
        arguments(named("ObjectReference is core's", ObjectReference.getDescriptor()),
            "io.k8s.api.core.v1.ObjectReference"),
        arguments(named("apps", Deployment.getDescriptor()), "io.k8s.api.apps.v1.Deployment"),
        arguments(named("autoscaling's Scale", Scale.getDescriptor()), "io.k8s.api.autoscaling.v1.Scale"),
        arguments(named("coordination's Lease", Lease.getDescriptor()), "io.k8s.api.coordination.v1.Lease"),
        arguments(named("IntOrString", IntOrString.getDescriptor()), "io.k8s.apimachinery.pkg.util.intstr.IntOrString"));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void namesEachMessageAsKubernetesDoes(Descriptor message, String definition) {
    assertThat(KubeDefinitions.name(message)).isEqualTo(definition);
  }
}
