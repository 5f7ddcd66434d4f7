package io.svclab.e2e.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.e2e.harness.Lab;
import io.svclab.e2e.harness.WorkloadControllerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 22: "leader election keeps one active controller of each kind" with two apiservers. Beside
 * the lab's endpoints-controller and workload-controller (their API list names the first apiserver
 * first) a second of each runs against the second apiserver first; exactly one of each kind holds
 * its Lease and acts (the other writes nothing), and kill -9 of each holder moves its Lease to a
 * live candidate, which then acts: a Deployment scaled afterwards gets its pods, and its Service's
 * Endpoints follow them.
 */
final class ElectedControllers {
  static final Duration CEILING = Duration.ofSeconds(120);
  static final String APP = "elected";

  /** One elected kind: its Lease, the lab's process of it, the test's candidate, and what counts its work. */
  record Role(String lease, String labProcess, String candidateIdentity, String candidateAdmin, String workCounter) {}

  private final LabTable table;
  private final ResourceClient<Lease> leases;
  private final ResourceClient<Deployment> deployments;
  private final ResourceClient<Service> services;
  private final ResourceClient<EndpointsObject> endpoints;

  ElectedControllers(LabTable table, ManagedChannel both) {
    this.table = table;
    this.leases = new ResourceClient<>(both, ResourceKinds.LEASES, 10_000);
    this.deployments = new ResourceClient<>(both, ResourceKinds.DEPLOYMENTS, 10_000);
    this.services = new ResourceClient<>(both, ResourceKinds.SERVICES, 10_000);
    this.endpoints = new ResourceClient<>(both, ResourceKinds.ENDPOINTS, 10_000);
  }

  void oneActiveOfEachKindAndFailover(Path logs, String apiTargets) throws Exception {
    int endpointsAdmin = Lab.freePort();
    try (ComponentProcess endpoints2 = new ComponentProcess("endpoints-controller-2", "io.svclab.endpoints.EndpointsControllerMain",
            List.of("--api", apiTargets, "--admin-port", Integer.toString(endpointsAdmin), "--identity", "endpoints-controller-2"),
            logs, "http://127.0.0.1:" + endpointsAdmin + "/healthz").start();
         WorkloadControllerProcess workload2 = WorkloadControllerProcess.candidate(logs, apiTargets, "workload-controller-2")) {
      await().atMost(CEILING).until(() -> LabTable.healthy(workload2.adminUrl() + "/healthz"));
      List<Role> roles = List.of(
          new Role("svclab-endpoints-controller", "endpoints-controller", "endpoints-controller-2",
              "http://127.0.0.1:" + endpointsAdmin, "endpoint_slice_controller_syncs_total"),
          new Role("svclab-workload-controller", "workload-controller", "workload-controller-2",
              workload2.adminUrl(), "workload_controller_api_writes_total"));

      // two candidates of each kind: one leads and does the work, the other only waits
      deployments.create(deployment(2));
      services.create(service());
      await().atMost(CEILING).ignoreExceptions().until(() -> readyAddresses() == 2);
      for (Role role : roles) {
        await().atMost(CEILING).until(() -> exactlyOneLeads(role));
        String standby = standbyMetrics(role);
        assertThat(LabTable.sum(standby, role.workCounter())).as(role.labProcess() + " on standby did nothing")
            .isZero();
        assertThat(LabTable.sum(leaderMetrics(role), role.workCounter())).as(role.labProcess() + " leading did the work")
            .isPositive();
      }

      // kill -9 of each holder: its Lease moves to a live candidate, which then acts
      Map<Role, String> killedHolders = new HashMap<>();
      for (Role role : roles) {
        String killed = holder(role);
        if (killed.equals(role.candidateIdentity())) {
          if (role.labProcess().equals("endpoints-controller")) {
            endpoints2.kill9();
          } else {
            workload2.kill9();
          }
        } else {
          table.kill(role.labProcess());
        }
        System.out.printf("killed the %s Lease's holder %s%n", role.lease(), killed);
        killedHolders.put(role, killed);
      }
      for (Role role : roles) {
        await().atMost(CEILING).ignoreExceptions()
            .until(() -> !holder(role).equals(killedHolders.get(role)) && exactlyOneLeads(role));
        System.out.printf("the %s Lease moved to %s%n", role.lease(), holder(role));
      }
      deployments.update(deployments.get("default", APP).toBuilder().setSpec(
          deployments.get("default", APP).getSpec().toBuilder().setReplicas(3)).build());
      await().atMost(CEILING).ignoreExceptions().until(() -> readyAddresses() == 3);
      deployments.delete("default", APP);
      services.delete("default", APP);
    }
  }

  private String holder(Role role) {
    return leases.get("kube-system", role.lease()).getSpec().getHolderIdentity();
  }

  /** The admin endpoint of whoever the Lease names: the test's candidate, or the lab's process (restarted or not). */
  private String leaderMetrics(Role role) throws IOException {
    return holder(role).equals(role.candidateIdentity()) ? role.candidateAdmin() + "/metrics" : labMetrics(role);
  }

  private String standbyMetrics(Role role) throws IOException {
    return holder(role).equals(role.candidateIdentity()) ? labMetrics(role) : role.candidateAdmin() + "/metrics";
  }

  private String labMetrics(Role role) throws IOException {
    return table.processes().get(role.labProcess()).healthUrl().replace("/healthz", "/metrics");
  }

  /**
   * The Lease names a live process that says it leads, and the other says it does not (or is
   * gone): {@code leader_election_master_status} 1 on one side only.
   */
  private boolean exactlyOneLeads(Role role) throws Exception {
    double leading = LabTable.sum(leaderMetrics(role), "leader_election_master_status");
    double standby = LabTable.sum(standbyMetrics(role), "leader_election_master_status");
    return leading == 1 && standby <= 0;
  }

  private long readyAddresses() {
    return endpoints.get("default", APP).getSubsetsList().stream().mapToLong(s -> s.getAddressesCount()).sum();
  }

  private static Deployment deployment(int replicas) {
    Deployment.Builder d = Deployment.newBuilder();
    d.getMetadataBuilder().setName(APP).setNamespace("default").putLabels("app", APP);
    d.getSpecBuilder().setReplicas(replicas).setSelector(LabelSelector.newBuilder().putMatchLabels("app", APP));
    d.getSpecBuilder().getTemplateBuilder().getMetadataBuilder().putLabels("app", APP);
    d.getSpecBuilder().getTemplateBuilder().getSpecBuilder().addContainers(Container.newBuilder().setName("nginx")
        .setImage("nginx:1.14.2").addPorts(ContainerPort.newBuilder().setContainerPort(80)));
    return d.build();
  }

  private static Service service() {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(APP).setNamespace("default"))
        .setSpec(ServiceSpec.newBuilder().putSelector("app", APP).addPorts(ServicePort.newBuilder()
            .setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(80)))).build();
  }
}
