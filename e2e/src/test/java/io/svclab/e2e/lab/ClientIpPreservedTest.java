package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #9 acceptance 3 on the whole lab: seed 002's externalTrafficPolicy: Local Services over
 * one agnhost pod. The node without the endpoint refuses and its health check says 503; the
 * other answers with the client's own address; through the LoadBalancer IP every request lands
 * on the node with the endpoint, again with the client's own address (cloud-lb and node-proxy
 * both bind their upstream sockets to it). ClusterIP traffic from the host (outside the cluster
 * CIDR) is masqueraded: the pod sees a node address.
 */
class ClientIpPreservedTest {
  static final String CLIENT = "127.55.0.7";
  static final String MANIFEST = "e2e/src/test/resources/client-ip/frontend-etp-local.yaml";
  @TempDir Path data;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** curl from {@value #CLIENT}, as a client elsewhere on the network would connect. */
  static String curlFromClient(String url) throws Exception {
    Shell.Result r = Shell.run("curl -s --max-time 3 --interface " + CLIENT + " " + url, 10);
    assertThat(r.exitCode()).as("curl %s: %s", url, r.stderr()).isZero();
    return r.stdout();
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Connects from {@value #CLIENT}; true when the proxy resets or closes without answering, within 1 s. */
  static boolean refused(String ip, int port) {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(CLIENT, 0));
      s.setSoTimeout(1000);
      s.connect(new InetSocketAddress(ip, port), 1000);
      s.getOutputStream().write("GET /clientip HTTP/1.0\r\n\r\n".getBytes());
      InputStream in = s.getInputStream();
      return in.read() == -1;
    } catch (java.net.SocketTimeoutException e) {
      return false; // hung: not a refusal
    } catch (IOException e) {
      return true; // connection refused or reset
    }
  }

  double rejectedLbConnections(String nodeIp) throws Exception {
    String metrics = get("http://" + nodeIp + ":10249/metrics").body();
    Matcher m = Pattern.compile("(?m)^svclab_proxy_rejected_connections_total\\{service=\"service-demo/frontend-loadbalancer:http\"} (\\S+)$")
        .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  static boolean ready(Pod p) {
    return p.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  @Test
  void externalTrafficPolicyLocalKeepsTheClientAddressEndToEnd() throws Exception {
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("svclab is up in", 300);
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:6443");
      try {
        ResourceClient<Pod> pods = new ResourceClient<>(channel, ResourceKinds.PODS);
        ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
        Shell.Result applied = Shell.run("./lab apply -f " + MANIFEST, 60);
        assertThat(applied.stdout()).as(applied.stderr()).contains("service/frontend-nodeport created",
            "service/frontend-loadbalancer created");
        Pod pod = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
            pods.listItems("service-demo", "app=frontend").stream().filter(ClientIpPreservedTest::ready).findFirst().orElse(null),
            p -> p != null);
        String withEndpoint = nodeIp(pod.getSpec().getNodeName());
        String without = withEndpoint.equals("127.0.10.1") ? "127.0.10.2" : "127.0.10.1";
        Service lb = await().atMost(Duration.ofSeconds(60)).until(() -> services.get("service-demo", "frontend-loadbalancer"),
            s -> s.getStatus().getLoadBalancer().getIngressCount() > 0);
        int hc = lb.getSpec().getHealthCheckNodePort();
        String lbIp = lb.getStatus().getLoadBalancer().getIngress(0).getIp();
        assertThat(hc).isPositive();

        // the node without a local endpoint: health check 503, NodePort refused at once
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
          HttpResponse<String> healthy = get("http://" + withEndpoint + ":" + hc + "/healthz");
          assertThat(healthy.statusCode()).isEqualTo(200);
          assertThat(healthy.body()).contains("\"localEndpoints\":1");
          HttpResponse<String> empty = get("http://" + without + ":" + hc + "/healthz");
          assertThat(empty.statusCode()).isEqualTo(503);
          assertThat(empty.body()).contains("\"name\":\"frontend-loadbalancer\"", "\"localEndpoints\":0");
        });
        assertThat(refused(without, 30001)).as("NodePort 30001 on %s (no local endpoint) refuses", without).isTrue();

        // the node with it: agnhost sees the client's own address through the NodePort
        String clientPattern = Pattern.quote(CLIENT) + ":\\d+";
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
            assertThat(curlFromClient("http://" + withEndpoint + ":30001/clientip")).matches(clientPattern));
        System.out.printf("NodePort %s:30001 -> /clientip %s; %s:30001 refused; health %s 200, %s 503%n", withEndpoint,
            curlFromClient("http://" + withEndpoint + ":30001/clientip"), without, withEndpoint, without);

        // through the LoadBalancer IP: only the node with the endpoint, client address kept
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
            assertThat(curlFromClient("http://" + lbIp + "/clientip")).matches(clientPattern));
        double rejectedBefore = rejectedLbConnections(without);
        for (int i = 0; i < 20; i++) {
          assertThat(curlFromClient("http://" + lbIp + "/clientip")).as("request %d through %s", i, lbIp).matches(clientPattern);
          assertThat(curlFromClient("http://" + lbIp + "/hostname")).isEqualTo(pod.getMetadata().getName());
        }
        assertThat(rejectedLbConnections(without)).as("connections the LB sent to %s", without).isEqualTo(rejectedBefore);
        System.out.printf("LoadBalancer %s: 40/40 requests on %s, /clientip %s%n", lbIp, withEndpoint,
            curlFromClient("http://" + lbIp + "/clientip"));

        // ClusterIP from the host, outside the cluster CIDR: masqueraded to a node address
        String clusterIp = lb.getSpec().getClusterIp();
        String masqueraded = curlFromClient("http://" + clusterIp + "/clientip");
        assertThat(masqueraded).matches("127\\.0\\.10\\.[12]:\\d+");
        System.out.printf("ClusterIP %s from %s -> /clientip %s (masqueraded)%n", clusterIp, CLIENT, masqueraded);
      } finally {
        channel.shutdownNow();
        lab.terminateGroup(120);
      }
    }
  }

  /** node-N's address in the local lab (ARCHITECTURE.md, Addresses). */
  static String nodeIp(String nodeName) {
    assertThat(nodeName).isIn("node-1", "node-2");
    return "127.0.10." + nodeName.substring("node-".length());
  }
}
