package io.svclab.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.Grpcurl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 1 and 2 of the foundation issue, against a real apiserver process. */
class ApiServerApiTest {
  @TempDir static Path dir;
  static ApiServerProcess api;
  static ResourceClient<Service> services;
  static ResourceClient<Pod> pods;
  static ResourceClient<Namespace> namespaces;

  @BeforeAll
  static void start() throws Exception {
    api = new ApiServerProcess(dir).start();
    services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
    pods = new ResourceClient<>(api.channel(), ResourceKinds.PODS);
    namespaces = new ResourceClient<>(api.channel(), ResourceKinds.NAMESPACES);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void grpcurlListShowsEveryServiceAndHealthIsServing() throws Exception {
    Grpcurl.Result r = Grpcurl.run("-plaintext", api.target(), "list");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout().lines().toList()).contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection");
    for (var kind : ResourceKinds.ALL) {
      assertThat(r.stdout().lines().toList()).contains(kind.grpcServiceName());
    }
    assertThat(HealthGrpc.newBlockingStub(api.channel()).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void designDocGrpcurlLinesWorkVerbatim() throws Exception {
    Grpcurl.Result create = Grpcurl.run("-plaintext", "-d", "{\"service\":{\"metadata\":{\"name\":\"web\"},\"spec\":{\"selector\":{\"app\":\"nginx\"},\n"
        + "      \"ports\":[{\"port\":80,\"targetPort\":{\"number\":80}}]}}}", api.target(), "svclab.api.v1.Services/Create");
    assertThat(create.exitCode()).as(create.stderr()).isZero();
    assertThat(create.stdout()).contains("\"clusterIP\": \"127.96.", "\"type\": \"ClusterIP\"", "\"protocol\": \"TCP\"",
        "\"sessionAffinity\": \"None\"");
    Grpcurl.Result get = Grpcurl.run("-plaintext", "-d", "{\"namespace\":\"default\",\"name\":\"web\"}", api.target(),
        "svclab.api.v1.Services/Get");
    assertThat(get.stdout()).contains("\"name\": \"web\"");
    Grpcurl.Result list = Grpcurl.run("-plaintext", "-d", "{\"namespace\":\"default\",\"labelSelector\":\"app=nginx\"}",
        api.target(), "svclab.api.v1.Pods/List");
    assertThat(list.exitCode()).as(list.stderr()).isZero();
    assertThat(list.stdout()).contains("\"resourceVersion\"");
    Grpcurl.Result missing = Grpcurl.run("-plaintext", "-d", "{\"namespace\":\"default\",\"name\":\"nope\"}", api.target(),
        "svclab.api.v1.Services/Get");
    assertThat(missing.exitCode()).isEqualTo(64 + 5);
    assertThat(missing.stderr()).contains("Code: NotFound", "Message: services \"nope\" not found");
  }

  static Service svc(String name, String type, int nodePort) {
    ServicePort.Builder port = ServicePort.newBuilder().setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080));
    if (nodePort > 0) {
      port.setNodePort(nodePort);
    }
    ServiceSpec.Builder spec = ServiceSpec.newBuilder().putSelector("app", name).addPorts(port);
    if (type != null) {
      spec.setType(type);
    }
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).putLabels("tier", "web")).setSpec(spec).build();
  }

  @Test
  void serviceCrudShowsDefaultsAllocationsAndConflicts() {
    Service created = services.create(svc("api-crud", "NodePort", 30123));
    assertThat(created.getSpec().getClusterIp()).startsWith("127.96.");
    assertThat(created.getSpec().getPorts(0).getNodePort()).isEqualTo(30123);
    assertThat(created.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1);

    Service got = services.get("default", "api-crud");
    assertThat(got).isEqualTo(created);
    assertThat(services.listItems("default", "tier=web")).extracting(s -> s.getMetadata().getName()).contains("api-crud");

    Service changed = got.toBuilder().setSpec(got.getSpec().toBuilder().putSelector("extra", "yes")).build();
    Service updated = services.update(changed);
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(got.getMetadata().getResourceVersion()));
    assertThat(updated.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(updated.getSpec().getClusterIp()).isEqualTo(created.getSpec().getClusterIp());

    assertThatThrownBy(() -> services.update(changed)).isInstanceOf(StatusRuntimeException.class)
        .hasMessage("ABORTED: Operation cannot be fulfilled on services \"api-crud\": the object has been modified; "
            + "please apply your changes to the latest version and try again");
    assertThatThrownBy(() -> services.create(svc("api-crud-2", "NodePort", 30123)))
        .hasMessage("INVALID_ARGUMENT: Service \"api-crud-2\" is invalid: spec.ports[0].nodePort: Invalid value: 30123: "
            + "provided port is already allocated");
    assertThatThrownBy(() -> services.create(svc("api-crud", null, 0)))
        .hasMessage("ALREADY_EXISTS: services \"api-crud\" already exists");

    services.delete("default", "api-crud");
    assertThatThrownBy(() -> services.get("default", "api-crud")).hasMessage("NOT_FOUND: services \"api-crud\" not found");
    // the NodePort was released with the Service
    assertThat(services.create(svc("api-crud-3", "NodePort", 30123)).getSpec().getPorts(0).getNodePort()).isEqualTo(30123);
  }

  @Test
  void rejectedWriteLeavesNothingStoredOrAllocated() {
    Service bad = svc("half-bad", "NodePort", 30200).toBuilder()
        .setSpec(svc("half-bad", "NodePort", 30200).getSpec().toBuilder().setClusterIp("127.96.200.200")
            .addPorts(ServicePort.newBuilder().setPort(0))).build();
    assertThatThrownBy(() -> services.create(bad)).hasMessageStartingWith("INVALID_ARGUMENT: Service \"half-bad\" is invalid: ");
    assertThatThrownBy(() -> services.get("default", "half-bad")).hasMessageContaining("not found");
    Service good = services.create(svc("half-good", "NodePort", 30200).toBuilder()
        .setSpec(svc("half-good", "NodePort", 30200).getSpec().toBuilder().setClusterIp("127.96.200.200")).build());
    assertThat(good.getSpec().getClusterIp()).isEqualTo("127.96.200.200");
    assertThat(good.getSpec().getPorts(0).getNodePort()).isEqualTo(30200);
  }

  @Test
  void podsGetPendingStatusSelectorsAndDeletion() {
    Pod pod = pods.create(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setGenerateName("web-").putLabels("app", "web"))
        .setSpec(PodSpec.newBuilder().addContainers(Container.newBuilder().setName("nginx").setImage("nginx:1.25"))).build());
    assertThat(pod.getMetadata().getName()).matches("web-[a-z0-9]{5}");
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(pods.listItems("default", "app=web")).extracting(p -> p.getMetadata().getName())
        .contains(pod.getMetadata().getName());
    assertThat(pods.listItems("default", "app!=web")).extracting(p -> p.getMetadata().getName())
        .doesNotContain(pod.getMetadata().getName());
    pods.delete("default", pod.getMetadata().getName());  // unscheduled: goes at once
    assertThat(pods.listItems("default", "app=web")).extracting(p -> p.getMetadata().getName())
        .doesNotContain(pod.getMetadata().getName());
  }

  @Test
  void namespaceDeletionRemovesWhatItHolds() {
    namespaces.create(Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("doomed")).build());
    services.create(svc("inside", null, 0).toBuilder().setMetadata(ObjectMeta.newBuilder().setName("inside").setNamespace("doomed")).build());
    Namespace marked = namespaces.delete("", "doomed");
    assertThat(marked.getStatus().getPhase()).isEqualTo("Terminating");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(services.listItems("doomed", "")).isEmpty();
      assertThat(namespaces.listItems("", "")).extracting(n -> n.getMetadata().getName()).doesNotContain("doomed");
    });
    assertThatThrownBy(() -> services.create(svc("orphan", null, 0).toBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("orphan").setNamespace("nowhere")).build()))
        .hasMessage("NOT_FOUND: namespaces \"nowhere\" not found");
  }

  @Test
  void bootstrapObjectsExist() {
    assertThat(services.get("default", "kubernetes").getSpec().getClusterIp()).isEqualTo("127.96.0.1");
    Service dns = services.get("kube-system", "kube-dns");
    assertThat(dns.getSpec().getClusterIp()).isEqualTo("127.96.0.10");
    assertThat(dns.getSpec().getPortsList()).extracting(ServicePort::getName, ServicePort::getProtocol, ServicePort::getPort)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dns", "UDP", 53), org.assertj.core.groups.Tuple.tuple("dns-tcp", "TCP", 53),
            org.assertj.core.groups.Tuple.tuple("metrics", "TCP", 9153));
    assertThat(namespaces.listItems("", "")).extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system", "kube-public");
    assertThat(List.of(dns.getSpec().getSelectorMap())).containsExactly(java.util.Map.of("k8s-app", "kube-dns"));
  }
}
