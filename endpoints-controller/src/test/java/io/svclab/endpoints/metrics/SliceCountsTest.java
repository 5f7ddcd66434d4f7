package io.svclab.endpoints.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.endpoints.slices.SlicePlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliceCountsTest {
  static EndpointSlice slice(String name, int port, int endpoints) {
    EndpointSlice.Builder b = EndpointSlice.newBuilder().setAddressType("IPv4")
        .setMetadata(ObjectMeta.newBuilder().setName(name))
        .addPorts(EndpointSlicePort.newBuilder().setPort(port));
    for (int i = 0; i < endpoints; i++) b.addEndpoints(Endpoint.newBuilder().addAddresses("10.0.0." + i));
    return b.build();
  }

  @Test
  void desiredSlicesAreFullSlicesPerPortSet() {
    // 3 + 2 endpoints on port 80 fit one slice of 5; 1 on port 81 needs its own.
    SliceCounts counts = SliceCounts.of(List.of(slice("a", 80, 3), slice("b", 80, 2), slice("c", 81, 1)), 5);
    assertThat(counts).isEqualTo(new SliceCounts(6, 3, 2));
  }

  @Test
  void afterPlanAppliesDeletesUpdatesAndCreates() {
    List<EndpointSlice> existing = List.of(slice("a", 80, 3), slice("b", 80, 2));
    SlicePlan plan = new SlicePlan(List.of(slice("", 80, 1)), List.of(slice("a", 80, 4)), List.of(slice("b", 80, 2)));
    assertThat(SliceCounts.of(SliceCounts.afterPlan(existing, plan), 100)).isEqualTo(new SliceCounts(5, 2, 1));
  }

  @Test
  void metricsKeepTotalsAcrossServices() {
    EndpointSliceMetrics metrics = new EndpointSliceMetrics(new PrometheusRegistry());
    metrics.service("default/a", new SliceCounts(10, 2, 1));
    metrics.service("default/b", new SliceCounts(5, 1, 1));
    metrics.service("default/a", new SliceCounts(3, 1, 1));
    assertThat(metrics.total()).isEqualTo(new SliceCounts(8, 2, 2));
    metrics.service("default/b", SliceCounts.NONE);
    assertThat(metrics.total()).isEqualTo(new SliceCounts(3, 1, 1));
  }
}
