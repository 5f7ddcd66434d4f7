package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.Pod;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.NetnsLab;
import io.svclab.e2e.harness.Shell;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, first slice: {@code ./lab up --netns} (root; CI runs as root, and where the kernel
 * refuses, the lab's one-line reason is what this test fails with). Seed 000's Deployment and
 * ClusterIP/NodePort Services: kube-proxy's rules in node 1's netfilter, real curl from a pod's
 * namespace to the ClusterIP and to node 2's NodePort; after kill -9 the next start removes the
 * dead lab's namespaces, and after {@code ./lab down} none is left.
 */
class NetnsLabTest {
  private static final Pattern CLUSTER_IP_RULE = Pattern.compile(
      "-A KUBE-SERVICES -d (\\S+)/32 -p tcp -m comment --comment \"default/nginx-clusterip-service cluster IP\"");

  @TempDir Path data;

  @Test
  void seedServicesThroughTheKernelAndNothingLeftBehind() throws Exception {
    try (LabProcess lab = LabProcess.up(data, "--netns")) {
      lab.awaitLine("svclab is up in", 300);
      assertThat(NetnsLab.labNamespaces()).contains("svclab-fabric", "svclab-node-1", "svclab-node-2");
      for (String f : List.of("nginx-deployment", "nginx-clusterip-service", "nginx-nodeport-service")) {
        Shell.Result applied = NetnsLab.sh("./lab apply -f cli/src/main/resources/demos/seed-000/" + f + ".yaml");
        assertThat(applied.exitCode()).as(applied.stderr()).isZero();
      }
      String[] clusterIp = new String[1];
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Shell.Result rules = NetnsLab.sh("ip netns exec svclab-node-1 iptables -t nat -S");
        assertThat(rules.exitCode()).as(rules.stderr()).isZero();
        String nat = rules.stdout();
        Matcher m = CLUSTER_IP_RULE.matcher(nat);
        assertThat(m.find()).as(nat).isTrue();
        clusterIp[0] = m.group(1);
        assertThat(nat).contains("-j KUBE-SVC-", "-A KUBE-SEP-", "-j DNAT --to-destination 10.244.")
            .containsPattern("-A KUBE-NODEPORTS -p tcp -m comment --comment \"default/nginx-nodeport-service\" -m tcp"
                + " --dport 30080 -j KUBE-EXT-");
      });
      assertThat(clusterIp[0]).startsWith("10.96.");
      System.out.println("nginx-clusterip-service ClusterIP " + clusterIp[0]);

      // a client pod's namespace on node 1: one of the nginx pods (the rules spread over both)
      Set<String> namespaces = NetnsLab.labNamespaces();
      String podNs = namespaces.stream().filter(n -> n.startsWith("svclab-pod-1-")).findFirst()
          .orElseThrow(() -> new AssertionError("no pod namespace on node 1: " + namespaces));
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Shell.Result viaClusterIp = NetnsLab.sh("ip netns exec " + podNs + " curl -sS -m 5 http://" + clusterIp[0] + "/");
        assertThat(viaClusterIp.stdout()).as(viaClusterIp.stderr()).contains("<title>Welcome to nginx!</title>");
        Shell.Result viaNodePort = NetnsLab.sh("ip netns exec " + podNs + " curl -sS -m 5 http://172.18.0.3:30080/");
        assertThat(viaNodePort.stdout()).as(viaNodePort.stderr()).contains("<title>Welcome to nginx!</title>");
      });
      Shell.Result status = NetnsLab.sh("./lab status --data " + data);
      assertThat(status.stdout()).contains("NETWORK NAMESPACES", "svclab-node-1", podNs);

      ProcessHandle.of(lab.pid()).ifPresent(ProcessHandle::destroyForcibly);  // kill -9: no cleanup of its own
      lab.process().waitFor();
    }
    assertThat(NetnsLab.labNamespaces()).as("a killed lab cannot clean up").contains("svclab-fabric");

    try (LabProcess again = LabProcess.up(data, "--netns")) {
      again.awaitLine("network namespaces a dead lab on", 300);
      again.awaitLine("svclab is up in", 300);
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:6443");
      try {
        ResourceClient<Pod> pods = new ResourceClient<>(channel, ResourceKinds.PODS);
        // only the new lab's: its fabric, its nodes, and one namespace per pod it runs now
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          Set<String> expected = new TreeSet<>(List.of("svclab-fabric", "svclab-node-1", "svclab-node-2"));
          for (Pod p : pods.listItems("default", "app=nginx")) {
            assertThat(p.getStatus().getPodIp()).isNotEmpty();
            expected.add(NetnsLab.podNamespace(p));
          }
          assertThat(NetnsLab.labNamespaces()).isEqualTo(expected);
        });
      } finally {
        channel.shutdownNow();
      }
      Shell.Result down = NetnsLab.sh("./lab down --data " + data);
      assertThat(down.stdout()).as(down.stderr()).contains("lab stopped");
      again.process().waitFor();
    }
    assertThat(NetnsLab.labNamespaces()).isEmpty();
  }
}
