package io.svclab.proxy.snapshot;

import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Builders for Services, slices and snapshot endpoints in table tests. */
public final class Fixtures {
  private Fixtures() {}

  public static final String NODE = "node-1";

  public static Service service(String name, Consumer<ServiceSpec.Builder> spec) {
    ServiceSpec.Builder b = ServiceSpec.newBuilder().setClusterIp("127.96.0.20").setType("ClusterIP")
        .addPorts(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
            .setTargetPort(IntOrString.newBuilder().setNumber(8080)));
    spec.accept(b);
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(name))
        .setSpec(b).build();
  }

  public static io.svclab.api.v1.Endpoint sliceEndpoint(String ip, String node, Boolean ready, Boolean serving,
      Boolean terminating) {
    EndpointConditions.Builder c = EndpointConditions.newBuilder();
    if (ready != null) c.setReady(ready);
    if (serving != null) c.setServing(serving);
    if (terminating != null) c.setTerminating(terminating);
    io.svclab.api.v1.Endpoint.Builder e = io.svclab.api.v1.Endpoint.newBuilder().addAddresses(ip).setConditions(c);
    if (node != null) e.setNodeName(node);
    return e.build();
  }

  public static io.svclab.api.v1.Endpoint ready(String ip, String node) {
    return sliceEndpoint(ip, node, true, true, false);
  }

  public static EndpointSlice slice(String name, String service, String portName, int port,
      io.svclab.api.v1.Endpoint... endpoints) {
    return EndpointSlice.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(name)
            .putLabels(SnapshotBuilder.SERVICE_NAME_LABEL, service))
        .setAddressType("IPv4")
        .addPorts(EndpointSlicePort.newBuilder().setName(portName).setProtocol("TCP").setPort(port))
        .addAllEndpoints(List.of(endpoints)).build();
  }

  /** A snapshot endpoint: r = ready, s = serving, t = terminating, l = on this node. */
  public static Endpoint ep(String ip, String flags) {
    return new Endpoint(ip, 8080, flags.contains("l") ? NODE : "node-2", flags.contains("r"), flags.contains("s"),
        flags.contains("t"), flags.contains("l"));
  }

  public static ServicePortInfo port(boolean itpLocal, boolean etpLocal, int nodePort, Duration affinity,
      Endpoint... endpoints) {
    return new ServicePortInfo(new ServicePortName("default", "web", "http", "TCP"), "127.96.0.20", 80, "TCP",
        nodePort, List.of(), List.of(), etpLocal, itpLocal, 0, affinity, List.of(endpoints));
  }
}
