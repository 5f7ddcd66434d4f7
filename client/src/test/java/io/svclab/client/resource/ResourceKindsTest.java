package io.svclab.client.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceKindsTest {
  static java.util.List<ResourceKind<?>> kinds() {
    return ResourceKinds.ALL;
  }

  @ParameterizedTest(name = "{0} write requests carry the object in a lowerCamel field named after the kind")
  @MethodSource("kinds")
  void writeFieldIsLowerCamelKind(ResourceKind<?> kind) {
    String expected = Character.toLowerCase(kind.kind().charAt(0)) + kind.kind().substring(1);
    assertThat(kind.writeField()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is served as svclab.api.v1.<plural>")
  @MethodSource("kinds")
  void grpcServiceIsNamedByPlural(ResourceKind<?> kind) {
    assertThat(kind.grpcServiceName().toLowerCase()).isEqualTo("svclab.api.v1." + kind.plural());
  }

  @org.junit.jupiter.api.Test
  void metadataRoundTripsThroughReflection() {
    Service svc = ResourceKinds.SERVICES.withMeta(Service.getDefaultInstance(),
        ObjectMeta.newBuilder().setName("web").setNamespace("default").build());
    assertThat(ResourceKinds.SERVICES.key(svc)).isEqualTo("default/web");
    assertThat(ResourceKinds.SERVICES.withTypeMeta(svc).getKind()).isEqualTo("Service");
  }
}
