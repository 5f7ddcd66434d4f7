package io.svclab.e2e.bench;

import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;

/** A Service of about 1 KiB, the value both systems store. */
final class ServiceFixture {
  private static final String PADDING = "x".repeat(760);

  private ServiceFixture() {}

  static Service service(String name) {
    return Service.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default")
            .putLabels("app", "bench").putLabels("tier", "backend")
            .putAnnotations("bench.svclab.io/padding", PADDING))
        .setSpec(ServiceSpec.newBuilder().putSelector("app", "bench")
            .addPorts(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
                .setTargetPort(IntOrString.newBuilder().setNumber(8080)))
            .addPorts(ServicePort.newBuilder().setName("https").setProtocol("TCP").setPort(443)
                .setTargetPort(IntOrString.newBuilder().setNumber(8443))))
        .build();
  }
}
