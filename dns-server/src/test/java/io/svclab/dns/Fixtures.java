package io.svclab.dns;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.dns.records.ClusterRecords;
import io.svclab.dns.records.RecordIndex;
import java.util.List;

/**
 * The cluster of CoreDNS' plugin/kubernetes/handler_test.go (svcIndex and epsIndex), as
 * svclab API objects.
 */
public final class Fixtures {
  private Fixtures() {}

  public static final long SERIAL = 1499347823;

  public static Service service(String ns, String name, String clusterIp, String... ports) {
    ServiceSpec.Builder spec = ServiceSpec.newBuilder().setType("ClusterIP");
    for (String ip : clusterIp.split(",")) {
      if (!ip.isEmpty()) spec.addClusterIps(ip);
    }
    if (!clusterIp.isEmpty()) spec.setClusterIp(clusterIp.split(",")[0]);
    for (String p : ports) { // name/protocol/port
      String[] f = p.split("/");
      spec.addPorts(ServicePort.newBuilder().setName(f[0]).setProtocol(f[1]).setPort(Integer.parseInt(f[2])));
    }
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace(ns).setName(name)).setSpec(spec).build();
  }

  public static Service externalName(String ns, String name, String target) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace(ns).setName(name))
        .setSpec(ServiceSpec.newBuilder().setType("ExternalName").setExternalName(target)
            .addPorts(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80))).build();
  }

  /** {@code endpoints}: "ip" or "ip=hostname" or "ip!" (not ready). {@code ports}: name/protocol/port. */
  public static EndpointSlice slice(String ns, String service, String sliceName, String addressType,
      List<String> endpoints, String... ports) {
    EndpointSlice.Builder b = EndpointSlice.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setNamespace(ns).setName(sliceName)
            .putLabels(ClusterRecords.SERVICE_NAME_LABEL, service))
        .setAddressType(addressType);
    for (String e : endpoints) {
      boolean notReady = e.endsWith("!");
      String spec = notReady ? e.substring(0, e.length() - 1) : e;
      String[] f = spec.split("=");
      Endpoint.Builder eb = Endpoint.newBuilder().addAddresses(f[0])
          .setConditions(EndpointConditions.newBuilder().setReady(!notReady));
      if (f.length > 1) eb.setHostname(f[1]);
      b.addEndpoints(eb);
    }
    for (String p : ports) {
      String[] f = p.split("/");
      b.addPorts(EndpointSlicePort.newBuilder().setName(f[0]).setProtocol(f[1]).setPort(Integer.parseInt(f[2])));
    }
    return b.build();
  }

  public static Namespace namespace(String name) {
    return Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name)).build();
  }

  public static ClusterRecords coreDnsCluster() {
    ClusterRecords r = new ClusterRecords();
    for (String ns : List.of("testns", "kube-system", "podns", "default")) {
      r.putNamespace(namespace(ns));
    }
    r.putService(service("kube-system", "kubedns", "10.0.0.10", "dns/UDP/53"));
    r.putSlice(slice("kube-system", "kubedns", "kubedns-1", "IPv4", List.of("172.0.0.100"), "dns/UDP/53"));
    r.putService(service("testns", "svc1", "10.0.0.1", "http/TCP/80"));
    r.putSlice(slice("testns", "svc1", "svc1-slice1", "IPv4", List.of("172.0.0.1=ep1a"), "http/TCP/80"));
    r.putService(service("testns", "svcempty", "10.0.0.1", "http/TCP/80"));
    r.putSlice(slice("testns", "svcempty", "svcempty-slice1", "IPv4", List.of(), "http/TCP/80"));
    r.putService(service("testns", "svc6", "1234:abcd::1", "http/TCP/80"));
    r.putService(service("testns", "hdls1", "None"));
    r.putSlice(slice("testns", "hdls1", "hdls1-slice1", "IPv4",
        List.of("172.0.0.2", "172.0.0.3", "172.0.0.4=dup-name", "172.0.0.5=dup-name", "172.0.0.9!"), "http/TCP/80"));
    r.putSlice(slice("testns", "hdls1", "hdls1-slice2", "IPv6", List.of("5678:abcd::1", "5678:abcd::2"), "http/TCP/80"));
    r.putService(externalName("testns", "external", "ext.interwebs.test"));
    r.putService(externalName("testns", "external-to-service", "svc1.testns.svc.cluster.local."));
    r.putService(service("testns", "hdlsprtls", "None"));
    r.putSlice(slice("testns", "hdlsprtls", "hdlsprtls-slice1", "IPv4", List.of("172.0.0.20")));
    r.putService(service("testns", "svc-dual-stack", "10.0.0.3,10::3", "http/TCP/80"));
    return r;
  }

  public static RecordIndex coreDnsIndex() {
    return coreDnsCluster().index(SERIAL);
  }
}
