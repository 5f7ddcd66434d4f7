package io.svclab.e2e.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real apiserver and a real dns-server, Services and EndpointSlices written through the
 * API (slices carry a managed-by of this test, so no controller fights them), answers read
 * with real {@code dig}.
 */
class DnsServerE2ETest {
  static final String MANAGED_BY = "e2e-dns-test.svclab.io";
  static final String SOA_PREFIX = "cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local.";

  @TempDir
  static Path dir;
  static ApiServerProcess api;
  static DnsServerProcess dns;
  static ResourceClient<Service> services;
  static ResourceClient<EndpointSlice> slices;

  @BeforeAll
  static void start() throws Exception {
    api = new ApiServerProcess(dir).start();
    dns = DnsServerProcess.start(dir, api.target(), "--register-endpoint", "127.0.0.1");
    services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
    slices = new ResourceClient<>(api.channel(), ResourceKinds.ENDPOINT_SLICES);

    services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web-hl").setNamespace("default"))
        .setSpec(ServiceSpec.newBuilder().setClusterIp("None").putSelector("app", "web-hl")
            .addPorts(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
                .setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build());
    slices.create(EndpointSlice.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web-hl-e2e").setNamespace("default")
            .putLabels("kubernetes.io/service-name", "web-hl")
            .putLabels("endpointslice.kubernetes.io/managed-by", MANAGED_BY))
        .setAddressType("IPv4")
        .addEndpoints(endpoint("127.244.1.11", true, "web-0"))
        .addEndpoints(endpoint("127.244.1.12", true, null))
        .addEndpoints(endpoint("127.244.1.13", false, null))
        .addPorts(EndpointSlicePort.newBuilder().setName("http").setProtocol("TCP").setPort(8080)).build());
    services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("httpbin").setNamespace("default"))
        .setSpec(ServiceSpec.newBuilder().setType("ExternalName").setExternalName("httpbin.org")).build());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
        Dig.query(dns.port, "web-hl.default.svc.cluster.local", "A").answers("A").size() == 2
            && Dig.query(dns.port, "httpbin.default.svc.cluster.local", "CNAME").answer().size() == 1);
  }

  static Endpoint endpoint(String ip, boolean ready, String hostname) {
    Endpoint.Builder b = Endpoint.newBuilder().addAddresses(ip)
        .setConditions(EndpointConditions.newBuilder().setReady(ready).setServing(ready).setTerminating(false));
    if (hostname != null) b.setHostname(hostname);
    return b.build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (dns != null) dns.close();
    if (api != null) api.close();
  }

  @Test
  void clusterIpServiceOverUdpAndTcp() throws Exception {
    String ip = services.get("default", "kubernetes").getSpec().getClusterIp();
    Dig udp = Dig.query(dns.port, "kubernetes.default.svc.cluster.local", "A");
    assertThat(udp.status()).isEqualTo("NOERROR");
    assertThat(udp.flags()).contains("qr", "aa", "rd");
    assertThat(udp.answers("A")).containsExactly(ip);
    assertThat(udp.answer()).containsExactly("kubernetes.default.svc.cluster.local. 5 IN A " + ip);
    Dig tcp = Dig.query(dns.port, "+tcp", "kubernetes.default.svc.cluster.local", "A");
    assertThat(tcp.answers("A")).containsExactly(ip);
    assertThat(ip).isEqualTo("127.96.0.1");
  }

  @Test
  void headlessServiceOneAPerReadyEndpointAndHostnames() throws Exception {
    assertThat(Dig.query(dns.port, "web-hl.default.svc.cluster.local", "A").answers("A"))
        .containsExactlyInAnyOrder("127.244.1.11", "127.244.1.12");
    assertThat(Dig.query(dns.port, "web-0.web-hl.default.svc.cluster.local", "A").answers("A"))
        .containsExactly("127.244.1.11");
    assertThat(Dig.query(dns.port, "127-244-1-13.web-hl.default.svc.cluster.local", "A").status())
        .as("a not-ready endpoint has no name").isEqualTo("NXDOMAIN");
  }

  @Test
  void srvForANamedPortWithAdditionalAddresses() throws Exception {
    Dig d = Dig.query(dns.port, "_http._tcp.web-hl.default.svc.cluster.local", "SRV");
    assertThat(d.answers("SRV")).containsExactlyInAnyOrder(
        "0 50 8080 web-0.web-hl.default.svc.cluster.local.",
        "0 50 8080 127-244-1-12.web-hl.default.svc.cluster.local.");
    assertThat(d.additional()).contains(
        "web-0.web-hl.default.svc.cluster.local. 5 IN A 127.244.1.11",
        "127-244-1-12.web-hl.default.svc.cluster.local. 5 IN A 127.244.1.12");
    Dig clusterIp = Dig.query(dns.port, "_https._tcp.kubernetes.default.svc.cluster.local", "SRV");
    assertThat(clusterIp.answers("SRV")).containsExactly("0 100 443 kubernetes.default.svc.cluster.local.");
  }

  @Test
  void ptrForAClusterIpAndAHeadlessEndpoint() throws Exception {
    assertThat(Dig.query(dns.port, "-x", "127.96.0.1").answers("PTR"))
        .containsExactly("kubernetes.default.svc.cluster.local.");
    assertThat(Dig.query(dns.port, "-x", "127.244.1.11").answers("PTR"))
        .containsExactly("web-0.web-hl.default.svc.cluster.local.");
  }

  @Test
  void externalNameIsACname() throws Exception {
    Dig d = Dig.query(dns.port, "httpbin.default.svc.cluster.local", "A");
    assertThat(d.status()).isEqualTo("NOERROR");
    assertThat(d.answer()).containsExactly("httpbin.default.svc.cluster.local. 5 IN CNAME httpbin.org.");
  }

  @Test
  void nxdomainVersusNodata() throws Exception {
    Dig missing = Dig.query(dns.port, "nosuch.default.svc.cluster.local", "A");
    assertThat(missing.status()).isEqualTo("NXDOMAIN");
    assertThat(missing.answer()).isEmpty();
    assertThat(missing.authority()).singleElement().asString().startsWith(SOA_PREFIX);
    Dig nodata = Dig.query(dns.port, "kubernetes.default.svc.cluster.local", "AAAA");
    assertThat(nodata.status()).isEqualTo("NOERROR");
    assertThat(nodata.answer()).isEmpty();
    assertThat(nodata.authority()).singleElement().asString().startsWith(SOA_PREFIX);
    assertThat(Dig.query(dns.port, "default.svc.cluster.local", "A").status()).isEqualTo("NOERROR");
    assertThat(Dig.query(dns.port, "nosuchns.svc.cluster.local", "A").status()).isEqualTo("NXDOMAIN");
    assertThat(Dig.query(dns.port, "example.com", "A").status()).as("outside the zone, no upstream").isEqualTo("REFUSED");
  }

  @Test
  void caseIsPreserved() throws Exception {
    Dig d = Dig.query(dns.port, "KuBeRnEtEs.DeFaUlT.svc.cluster.local", "A");
    assertThat(d.answer()).containsExactly("KuBeRnEtEs.DeFaUlT.svc.cluster.local. 5 IN A 127.96.0.1");
  }

  @Test
  void dnsVersionTxtAndApex() throws Exception {
    assertThat(Dig.query(dns.port, "dns-version.cluster.local", "TXT").answer())
        .containsExactly("dns-version.cluster.local. 28800 IN TXT \"1.1.0\"");
    assertThat(Dig.query(dns.port, "cluster.local", "SOA").answer()).singleElement().asString().startsWith(SOA_PREFIX);
    assertThat(Dig.query(dns.port, "cluster.local", "NS").answer())
        .containsExactly("cluster.local. 5 IN NS ns.dns.cluster.local.");
  }

  @Test
  void freshnessANewServiceAnswersWithinMilliseconds() throws Exception {
    byte[] query = rawQuery("fresh.default.svc.cluster.local");
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(20);
      long written = System.nanoTime();
      services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("fresh").setNamespace("default"))
          .setSpec(ServiceSpec.newBuilder().addPorts(ServicePort.newBuilder().setName("http").setPort(80)
              .setTargetPort(IntOrString.newBuilder().setNumber(80)))).build());
      long acknowledged = System.nanoTime();
      long answered = -1;
      byte[] buf = new byte[512];
      while (System.nanoTime() - acknowledged < Duration.ofSeconds(60).toNanos()) { // a ceiling, not a goal
        socket.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), dns.port));
        try {
          DatagramPacket reply = new DatagramPacket(buf, buf.length);
          socket.receive(reply);
          int rcode = buf[3] & 0xf;
          int answers = ((buf[6] & 0xff) << 8) | (buf[7] & 0xff);
          if (rcode == 0 && answers > 0) {
            answered = System.nanoTime();
            break;
          }
        } catch (SocketTimeoutException e) {
          // ask again
        }
        Thread.sleep(1);
      }
      assertThat(answered).as("the new Service was never answered").isPositive();
      long sinceAck = (answered - acknowledged) / 1_000_000;
      long sinceWrite = (answered - written) / 1_000_000;
      System.out.printf("dns freshness: %d ms after the create was acknowledged (%d ms after it was sent)%n",
          sinceAck, sinceWrite);
    }
    assertThat(Dig.query(dns.port, "fresh.default.svc.cluster.local", "A").answers("A")).hasSize(1);
  }

  @Test
  void registersItselfAsAKubeDnsEndpointAndServesMetricsAndHealth() throws Exception {
    await().atMost(Duration.ofSeconds(60)).until(() -> slices.listItems("kube-system", "").stream()
        .anyMatch(s -> s.getMetadata().getName().equals("kube-dns-svclab-dns-server")));
    EndpointSlice mine = slices.get("kube-system", "kube-dns-svclab-dns-server");
    assertThat(mine.getMetadata().getLabelsMap()).containsEntry("kubernetes.io/service-name", "kube-dns")
        .containsEntry("endpointslice.kubernetes.io/managed-by", "dns-server.svclab.io");
    assertThat(mine.getEndpoints(0).getAddressesList()).containsExactly("127.0.0.1");
    assertThat(mine.getPortsList()).extracting(p -> p.getName() + "/" + p.getProtocol() + "/" + p.getPort())
        .contains("dns/UDP/" + dns.port, "dns-tcp/TCP/" + dns.port);

    Dig.query(dns.port, "kubernetes.default.svc.cluster.local", "A");
    Dig.query(dns.port, "nosuch.default.svc.cluster.local", "A");
    String metrics = dns.http("/metrics");
    assertThat(metrics).contains("coredns_dns_requests_total{", "coredns_dns_responses_total{",
        "rcode=\"NOERROR\"", "rcode=\"NXDOMAIN\"", "coredns_dns_request_duration_seconds_bucket{");
    assertThat(dns.httpStatus("/health")).isEqualTo(200);
    assertThat(dns.httpStatus("/ready")).isEqualTo(200);
    assertThat(dns.httpStatus("/healthz")).isEqualTo(200);
  }

  static byte[] rawQuery(String name) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.writeBytes(new byte[] {0, 0, 1, 0, 1});
    return out.toByteArray();
  }

}
