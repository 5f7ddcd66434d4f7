package io.svclab.e2e.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.svclab.net.netns.NamespaceThreads;
import io.svclab.node.images.NettyServers;
import io.svclab.proxy.kernel.CommandRunner;
import io.svclab.proxy.kernel.ProcessRunner;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data-path half of {@code ./lab bench rules}: the same traffic from a client pod to a server
 * pod, once through the kernel's ClusterIP path (kube-proxy's DNAT on the node, applied by
 * node-proxy's proxier) and once direct to the pod IP, in interleaved runs. Three namespaces made
 * here and removed on close: a node routing between two pods on veth pairs of their own (routed,
 * not bridged, so both paths cross the node's netfilter alike). The server pod runs iperf3 and the
 * lab's HTTP stack (node-agent's {@link NettyServers}, a 612-byte page like nginx's); the client
 * runs {@code wrk} and {@code iperf3 -c}.
 */
final class KernelPathThroughput implements AutoCloseable {
  static final String CLUSTER_IP = "10.96.0.10";
  /** The node's address toward the client pod (the proxier's node IP). */
  static final String NODE_IP = "10.244.1.1";
  static final String SERVER_IP = "10.244.2.2";
  static final int HTTP_PORT = 80;
  static final int IPERF_PORT = 5201;
  private static final Pattern WRK_RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
  private static final Pattern IPERF_RECEIVER = Pattern.compile("([\\d.]+) Mbits/sec\\s+receiver");
  private static final byte[] PAGE = ("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n"
      + "</head>\n<body>\n" + "<p>".repeat(1) + "x".repeat(520) + "</p>\n</body>\n</html>\n").getBytes(StandardCharsets.UTF_8);

  final RulesBenchmark.BenchNamespace node;
  final RulesBenchmark.BenchNamespace client;
  final RulesBenchmark.BenchNamespace server;
  private final NettyServers http = new NettyServers();
  private final Process iperfServer;
  private final Duration each;

  private KernelPathThroughput(RulesBenchmark.BenchNamespace node, RulesBenchmark.BenchNamespace client,
      RulesBenchmark.BenchNamespace server, Duration each) throws Exception {
    this.node = node;
    this.client = client;
    this.server = server;
    this.each = each;
    wire(client, "c0", "10.244.1");
    wire(server, "s0", "10.244.2");
    ok(node.runner(Duration.ofSeconds(30)).run(null, List.of("sysctl", "-qw", "net.ipv4.ip_forward=1")));
    Channel listener = NamespaceThreads.call(server.name(), () -> http.http(SERVER_IP, HTTP_PORT, (req, remote, local) -> {
      var resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(PAGE));
      resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html");
      return resp;
    }));
    if (!listener.isActive()) throw new IllegalStateException("HTTP server in " + server.name() + " did not start");
    iperfServer = new ProcessBuilder("ip", "netns", "exec", server.name(), "iperf3", "-s", "-p", Integer.toString(IPERF_PORT))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  static KernelPathThroughput create(Duration each) throws Exception {
    RulesBenchmark.BenchNamespace node = RulesBenchmark.BenchNamespace.create("svclab-bench-node");
    RulesBenchmark.BenchNamespace client = RulesBenchmark.BenchNamespace.create("svclab-bench-client");
    RulesBenchmark.BenchNamespace server = RulesBenchmark.BenchNamespace.create("svclab-bench-server");
    return new KernelPathThroughput(node, client, server, each);
  }

  /** The one Service of the data-path runs: ClusterIP 10.96.0.10, ports 80 and 5201, the server pod its endpoint. */
  static ProxySnapshot snapshot() {
    List<ServicePortInfo> ports = new ArrayList<>();
    for (int port : List.of(HTTP_PORT, IPERF_PORT)) {
      ports.add(new ServicePortInfo(new ServicePortName("bench", "server", "p" + port, "TCP"), CLUSTER_IP, port, "TCP", 0,
          List.of(), List.of(), false, false, 0, null, List.of(new Endpoint(SERVER_IP, port, "node-1", true, true, false, true))));
    }
    return new ProxySnapshot(ports, Map.of(), List.of());
  }

  CommandRunner nodeTools() {
    return node.runner(RulesBenchmark.TOOL_TIMEOUT);
  }

  /** Requests/s of {@code wrk} from the client pod to {@code ip}, or empty when wrk failed (its output printed). */
  OptionalDouble wrk(String ip, Consumer<String> failures) {
    CommandRunner.Result r = client.runner(each.plusSeconds(30)).run(null, List.of("wrk", "-t", "1", "-c", "16",
        "-d", each.toSeconds() + "s", "http://" + ip + ":" + HTTP_PORT + "/"));
    return parsed(WRK_RPS, r, failures);
  }

  /** Mbit/s iperf3's receiver saw from the client pod to {@code ip}, or empty when iperf3 failed. */
  OptionalDouble iperf3(String ip, Consumer<String> failures) {
    CommandRunner.Result r = client.runner(each.plusSeconds(30)).run(null, List.of("iperf3", "-c", ip, "-p",
        Integer.toString(IPERF_PORT), "-t", Long.toString(each.toSeconds()), "-f", "m"));
    return parsed(IPERF_RECEIVER, r, failures);
  }

  private static OptionalDouble parsed(Pattern p, CommandRunner.Result r, Consumer<String> failures) {
    Matcher m = p.matcher(r.stdout());
    if (r.ok() && m.find()) return OptionalDouble.of(Double.parseDouble(m.group(1)));
    failures.accept(r.summary() + "\n" + r.stdout());
    return OptionalDouble.empty();
  }

  /** A pod on the node: veth {@code nodeSide} (SUBNET.1/24) to the pod's eth0 (SUBNET.2/24, default route via .1). */
  private void wire(RulesBenchmark.BenchNamespace pod, String nodeSide, String subnet) {
    CommandRunner here = new ProcessRunner(Duration.ofSeconds(30));
    ok(here.run(null, List.of("ip", "-n", node.name(), "link", "add", nodeSide, "type", "veth", "peer", "name", "eth0",
        "netns", pod.name())));
    ok(here.run(null, List.of("ip", "-n", node.name(), "addr", "add", subnet + ".1/24", "dev", nodeSide)));
    ok(here.run(null, List.of("ip", "-n", node.name(), "link", "set", nodeSide, "up")));
    ok(here.run(null, List.of("ip", "-n", pod.name(), "addr", "add", subnet + ".2/24", "dev", "eth0")));
    ok(here.run(null, List.of("ip", "-n", pod.name(), "link", "set", "eth0", "up")));
    ok(here.run(null, List.of("ip", "-n", pod.name(), "route", "add", "default", "via", subnet + ".1")));
  }

  private static void ok(CommandRunner.Result r) {
    if (!r.ok()) throw new IllegalStateException(r.summary());
  }

  @Override
  public void close() {
    iperfServer.destroy();
    try {
      iperfServer.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
    server.close();
    client.close();
    node.close();
  }
}
