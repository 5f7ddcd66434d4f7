package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10 acceptance 5: {@code ./lab trace} on the whole lab explains a ClusterIP, a NodePort,
 * a LoadBalancer IP and a Service with no endpoints (seed 000's nginx, plus a Service whose
 * selector has a typo).
 */
class TraceInLabTest {
  @TempDir Path data;

  static Shell.Result trace(String args) throws Exception {
    Shell.Result r = Shell.run("./lab trace " + args, 60);
    System.out.println("$ ./lab trace " + args + "\n" + r.stdout() + r.stderr());
    return r;
  }

  @Test
  void explainsClusterIpNodePortLoadBalancerAndNoEndpoints() throws Exception {
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("svclab is up in", 300);
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:6443");
      try {
        ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
        Shell.Result applied = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-000/"
            + " -f e2e/src/test/resources/trace/nginx-typo-service.yaml", 60);
        assertThat(applied.stdout()).as(applied.stderr()).contains("service/nginx-typo-service created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
            assertThat(Shell.run("./lab get endpoints nginx-clusterip-service", 60).stdout())
                .containsPattern("127\\.244\\.\\d+\\.\\d+:80,127\\.244\\.\\d+\\.\\d+:80"));
        Service lb = await().atMost(Duration.ofSeconds(60)).until(() -> services.get("default", "nginx-loadbalancer-service"),
            s -> s.getStatus().getLoadBalancer().getIngressCount() > 0);
        String clusterIp = services.get("default", "nginx-clusterip-service").getSpec().getClusterIp();
        String typoIp = services.get("default", "nginx-typo-service").getSpec().getClusterIp();
        String lbIp = lb.getStatus().getLoadBalancer().getIngress(0).getIp();

        Shell.Result viaClusterIp = trace(clusterIp + ":80");
        assertThat(viaClusterIp.exitCode()).isZero();
        assertThat(viaClusterIp.stdout())
            .containsPattern("Service:\\s+default/nginx-clusterip-service  \\(ClusterIP\\)  port 80/TCP -> targetPort 80")
            .containsPattern("(?m)^\\s+127\\.244\\.1\\.\\d+:80\\s+ready\\s+node-1\\s+nginx-deployment-\\S+\\s+yes$")
            .containsPattern("(?m)^\\s+127\\.244\\.2\\.\\d+:80\\s+ready\\s+node-2\\s+nginx-deployment-\\S+\\s+yes$")
            .contains("nginx-clusterip-service.default.svc.cluster.local -> " + clusterIp + " (A)")
            .contains("from this host (outside 127.244.0.0/16): the node's address (masqueraded)")
            .containsPattern("Result:\\s+forwarded to one of 2 candidates \\(random\\)");

        Shell.Result viaNodePort = trace("127.0.10.2:30080");
        assertThat(viaNodePort.exitCode()).isZero();
        assertThat(viaNodePort.stdout())
            .containsPattern("Service:\\s+default/nginx-nodeport-service  \\(NodePort\\)")
            .containsPattern("Via:\\s+NodePort 30080 on node-2 \\(127\\.0\\.10\\.2\\), handled by node-2's node proxy")
            .containsPattern("Policy:\\s+externalTrafficPolicy Cluster: Ready endpoints on any node")
            .contains("the pod sees the node's address: external traffic is masqueraded")
            .containsPattern("Result:\\s+forwarded to one of 2 candidates");

        Shell.Result viaLb = trace(lbIp + ":80");
        assertThat(viaLb.exitCode()).isZero();
        assertThat(viaLb.stdout())
            .containsPattern("Service:\\s+default/nginx-loadbalancer-service  \\(LoadBalancer\\)")
            .contains("LoadBalancer IP " + lbIp + ":80 (cloud-lb) -> NodePort " + lb.getSpec().getPorts(0).getNodePort() + " of:")
            .contains("node-1 127.0.10.1:" + lb.getSpec().getPorts(0).getNodePort(),
                "node-2 127.0.10.2:" + lb.getSpec().getPorts(0).getNodePort())
            .containsPattern("Result:\\s+forwarded to one of 2 candidates");

        Shell.Result nowhere = trace(typoIp + ":80");
        assertThat(nowhere.exitCode()).isEqualTo(1);
        assertThat(nowhere.stdout())
            .containsPattern("Result:\\s+connection refused: default/nginx-typo-service has no endpoints")
            .contains("\u201cConnection Refused\u201d, \u201cNo Endpoints\u201d: the selector app=ngnix matches no pod in namespace default")
            .containsPattern("close: pod nginx-deployment-\\S+ has labels app=nginx")
            .containsPattern("Solution:\\s+Verify Pod labels match service selector");
        // and an address nobody owns
        Shell.Result unknown = trace("127.96.250.250:80");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stdout()).contains("\u201cService Not Found\u201d").contains("Check namespace, verify service exists");
      } finally {
        channel.shutdownNow();
        lab.terminateGroup(120);
      }
    }
  }
}
