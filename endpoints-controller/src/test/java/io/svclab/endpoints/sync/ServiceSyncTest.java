package io.svclab.endpoints.sync;

import static io.svclab.endpoints.Fixtures.nodes;
import static io.svclab.endpoints.Fixtures.pod;
import static io.svclab.endpoints.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.controller.Result;
import io.svclab.endpoints.Fixtures;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.metrics.EndpointSliceMetrics;
import io.svclab.endpoints.metrics.SliceCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceSyncTest {
  static final String WEB = "default/web";

  final FakeCluster cluster = new FakeCluster();
  final EndpointSliceMetrics metrics = new EndpointSliceMetrics(new PrometheusRegistry());
  ServiceSync sync = syncWith(new SliceExpectations(Duration.ZERO)); // the fake's "cache" is never behind

  ServiceSync syncWith(SliceExpectations expectations) {
    return new ServiceSync(cluster, cluster.slices, cluster.endpoints, expectations, metrics,
        new SyncSettings(100, 1000), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
  }

  @BeforeEach
  void webWithTwoPods() {
    nodes().values().forEach(cluster::add);
    cluster.add(service()).add(pod("web-1", "10.244.1.5", true)).add(pod("web-2", "10.244.1.6", false));
  }

  @Test
  void writesOneSliceAndTheEndpointsThenNothingMore() throws Exception {
    assertThat(sync.reconcile(WEB)).isInstanceOf(Result.Done.class);
    assertThat(cluster.writes).hasSize(2)
        .anyMatch(w -> w.startsWith("create EndpointSlice default/web-"))
        .contains("create Endpoints default/web");
    EndpointsObject endpoints = cluster.endpoints.objects.get(WEB);
    assertThat(endpoints.getSubsets(0).getAddressesCount()).isEqualTo(1);
    assertThat(endpoints.getSubsets(0).getNotReadyAddressesCount()).isEqualTo(1);
    assertThat(endpoints.getMetadata().getAnnotationsMap()).containsKey(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME);
    assertThat(metrics.total()).isEqualTo(new SliceCounts(2, 1, 1));

    cluster.writes.clear();
    assertThat(sync.reconcile(WEB)).isInstanceOf(Result.Done.class);
    assertThat(cluster.writes).as("level-based: a second sync writes nothing").isEmpty();
  }

  @Test
  void deletedServiceTakesItsSlicesAndEndpointsWithIt() throws Exception {
    sync.reconcile(WEB);
    cluster.services.clear();
    cluster.writes.clear();
    sync.reconcile(WEB);
    assertThat(cluster.writes).hasSize(2).contains("delete Endpoints default/web")
        .anyMatch(w -> w.startsWith("delete EndpointSlice default/web-"));
    assertThat(metrics.total()).isEqualTo(SliceCounts.NONE);
  }

  @Test
  void selectorlessServiceGetsItsUserEndpointsMirroredAndKeepsThemWhenDeleted() throws Exception {
    cluster.services.clear();
    cluster.add(service(s -> s.clearSelector()));
    cluster.endpoints.create(userEndpoints());
    cluster.writes.clear();

    sync.reconcile(WEB);
    assertThat(cluster.writes).singleElement().asString().startsWith("create EndpointSlice default/web-");
    EndpointSlice mirrored = cluster.slices.list().get(0);
    assertThat(mirrored.getMetadata().getLabelsMap())
        .containsEntry(WellKnownKeys.LABEL_MANAGED_BY, WellKnownKeys.MIRRORING_CONTROLLER);

    cluster.services.clear();
    cluster.writes.clear();
    sync.reconcile(WEB);
    assertThat(cluster.writes).as("the user's Endpoints stays; its mirror goes")
        .containsExactly("delete EndpointSlice " + WEB.replace("web", mirrored.getMetadata().getName()));
  }

  @Test
  void userEditOfTheEndpointsIsRepaired() throws Exception {
    sync.reconcile(WEB);
    EndpointsObject edited = cluster.endpoints.objects.get(WEB).toBuilder().clearSubsets().build();
    cluster.endpoints.update(edited);
    cluster.writes.clear();
    sync.reconcile(WEB);
    assertThat(cluster.writes).containsExactly("update Endpoints default/web");
    assertThat(cluster.endpoints.objects.get(WEB).getSubsetsCount()).isEqualTo(1);
  }

  @Test
  void conflictOrAlreadyExistsMeansAStaleCacheAndARetry() throws Exception {
    cluster.slices.failNext = Status.ALREADY_EXISTS;
    assertThat(sync.reconcile(WEB)).isInstanceOf(Result.Requeue.class);
    sync.reconcile(WEB);
    cluster.add(pod("web-3", "10.244.1.7", true));
    cluster.slices.failNext = Status.ABORTED;
    assertThat(sync.reconcile(WEB)).isInstanceOf(Result.Requeue.class);
  }

  @Test
  void ownWritesNotYetInTheCacheHoldTheNextSync() throws Exception {
    sync = syncWith(new SliceExpectations(Duration.ofSeconds(30)));
    cluster.laggingSlices = java.util.List.of();
    sync.reconcile(WEB);
    cluster.writes.clear();
    assertThat(sync.reconcile(WEB)).isInstanceOf(Result.Requeue.class);
    assertThat(cluster.writes).as("no second create of the same slice").isEmpty();

    cluster.laggingSlices = null; // the create's echo arrived
    assertThat(sync.reconcile(WEB)).isInstanceOf(Result.Done.class);
    assertThat(cluster.writes).isEmpty();
  }

  @Test
  void podOnAnUnknownNodeIsLeftOutAndTheServiceRetried() throws Exception {
    cluster.add(pod("web-3", "10.244.9.9", true, p -> p.setSpec(p.getSpec().toBuilder().setNodeName("node-9"))));
    assertThat(sync.reconcile(WEB)).isInstanceOf(Result.Requeue.class);
    assertThat(cluster.slices.list().get(0).getEndpointsCount()).isEqualTo(2);
  }

  static EndpointsObject userEndpoints() {
    return EndpointsObject.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName("web"))
        .addSubsets(EndpointSubset.newBuilder()
            .addAddresses(EndpointAddress.newBuilder().setIp("192.0.2.10"))
            .addPorts(EndpointPort.newBuilder().setPort(5432).setProtocol("TCP")))
        .build();
  }
}
