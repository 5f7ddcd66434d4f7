package io.svclab.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.apiserver.store.KeyValue;
import io.svclab.client.resource.ResourceKinds;
import org.junit.jupiter.api.Test;

class DecodedObjectsTest {
  private static final String KEY = "/registry/services/default/web";
  private final DecodedObjects decoded = new DecodedObjects();

  private static byte[] stored(String clusterIp) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default"))
        .setSpec(ServiceSpec.newBuilder().setClusterIp(clusterIp)).build().toByteArray();
  }

  @Test
  void aStoredValueReadsWithItsTypeAndTheRevisionThatWroteIt() {
    Service s = decoded.object(ResourceKinds.SERVICES, new KeyValue(KEY, stored("10.96.0.10"), 5, 7));

    assertThat(s.getApiVersion()).isEqualTo("v1");
    assertThat(s.getKind()).isEqualTo("Service");
    assertThat(s.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(s.getSpec().getClusterIp()).isEqualTo("10.96.0.10");
  }

  @Test
  void theSameStoredValueReadTwiceIsDecodedOnce() {
    KeyValue kv = new KeyValue(KEY, stored("10.96.0.10"), 5, 7);

    assertThat(decoded.object(ResourceKinds.SERVICES, kv)).isSameAs(decoded.object(ResourceKinds.SERVICES, kv));
  }

  @Test
  void aNewerRevisionOfTheKeyReadsAsTheNewValue() {
    decoded.object(ResourceKinds.SERVICES, new KeyValue(KEY, stored("10.96.0.10"), 5, 7));

    Service s = decoded.object(ResourceKinds.SERVICES, new KeyValue(KEY, stored("10.96.0.11"), 5, 9));

    assertThat(s.getSpec().getClusterIp()).isEqualTo("10.96.0.11");
    assertThat(s.getMetadata().getResourceVersion()).isEqualTo("9");
  }

  @Test
  void equalBytesWrittenAgainKeepTheirOwnResourceVersion() {
    byte[] bytes = stored("10.96.0.10");
    decoded.object(ResourceKinds.SERVICES, new KeyValue(KEY, bytes, 5, 7));

    // deleted and created again with the same content: another value of the store, another revision
    assertThat(decoded.object(ResourceKinds.SERVICES, new KeyValue(KEY, bytes, 12, 12)).getMetadata()
        .getResourceVersion()).isEqualTo("12");
  }
}
