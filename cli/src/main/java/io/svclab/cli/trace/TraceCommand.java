package io.svclab.cli.trace;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.cli.topology.LabAddresses;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.net.ip.Ipv4Prefix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab trace IP:PORT [--from POD|--node N]}: lists Services, EndpointSlices, Pods and
 * Nodes, tries a TCP connect to the few endpoints involved, and prints what {@link
 * TraceExplainer} makes of it. Exit 0 when the packet reaches a pod, 1 when it goes nowhere.
 */
@Command(name = "trace", description = "Explain where a packet to IP:PORT goes and why (Service, endpoints, policies, DNS).")
public final class TraceCommand implements Callable<Integer> {
  static final int PROBE_TIMEOUT_MILLIS = 300;
  static final int MAX_PROBES = 16;

  @Parameters(index = "0", paramLabel = "IP:PORT[/PROTO]", description = "destination, e.g. 127.96.0.10:53/UDP")
  String address;

  @Option(names = "--from", paramLabel = "POD", description = "start from this pod ([NAMESPACE/]NAME; -n for its namespace)")
  String fromPod;

  @Option(names = "--node", paramLabel = "NODE", description = "start from this node (its proxy handles the packet)")
  String node;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "namespace of --from (default ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT, converter = ApiFlag.class,
      description = "API address, or a list host:port,host:port to fail over between.")
  String server;

  @Override
  public Integer call() {
    TraceRequest req;
    try {
      String pod = fromPod == null ? null : fromPod.contains("/") ? fromPod : namespace + "/" + fromPod;
      req = TraceRequest.parse(address, pod, node);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    }
    ManagedChannel channel = ApiChannels.forTarget(server);
    try {
      ClusterView view = new ClusterView(
          new ResourceClient<>(channel, ResourceKinds.SERVICES).listItems("", ""),
          new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES).listItems("", ""),
          new ResourceClient<>(channel, ResourceKinds.PODS).listItems("", ""),
          new ResourceClient<>(channel, ResourceKinds.NODES).listItems("", ""), Map.of());
      view = view.withListening(probe(TraceExplainer.probeTargets(view, req)));
      String clusterCidr = LabAddresses.clusterCidrOf(view.nodes().stream().map(n -> n.getSpec().getPodCidr()).toList());
      Trace trace = new TraceExplainer(Ipv4Prefix.parse(clusterCidr)).explain(view, req);
      // kernel modes: the node's own iptables rules, as the seeds show them (default: node-1's)
      trace = KernelPathProbe.withKernelPath(trace, req.node() != null ? req.node() : "node-1", req);
      System.out.print(trace.render());
      return trace.verdict() == Trace.Verdict.FORWARDED || trace.verdict() == Trace.Verdict.DIRECT ? 0 : 1;
    } catch (StatusRuntimeException e) {
      System.err.println("Error from server (" + e.getStatus().getCode() + "): " + e.getStatus().getDescription());
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  /** One short TCP connect per address (at most {@value #MAX_PROBES}): true when something accepts. */
  static Map<String, Boolean> probe(List<String> addresses) {
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (String address : addresses.subList(0, Math.min(addresses.size(), MAX_PROBES))) {
      int colon = address.lastIndexOf(':');
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
            PROBE_TIMEOUT_MILLIS);
        result.put(address, true);
      } catch (IOException e) {
        result.put(address, false);
      }
    }
    return result;
  }
}
