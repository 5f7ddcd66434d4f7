package io.svclab.dns;

import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.client.flags.GoDuration;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.dns.answers.AnswerSettings;
import io.svclab.dns.answers.DnsAnswerer;
import io.svclab.dns.answers.PodMode;
import io.svclab.dns.server.ClusterWatch;
import io.svclab.dns.server.DnsAdmin;
import io.svclab.dns.server.DnsMetrics;
import io.svclab.dns.server.DnsServer;
import io.svclab.dns.server.IndexPublisher;
import io.svclab.dns.server.KubeDnsRegistration;
import io.svclab.dns.server.QueryCodec;
import io.svclab.dns.server.Upstream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dns-server}: cluster DNS for {@code cluster.local}, answering as CoreDNS' kubernetes
 * plugin does, from informers on Services, EndpointSlices, Pods and Namespaces.
 */
@Command(name = "dns-server", mixinStandardHelpOptions = true,
    description = "svclab cluster DNS: the Kubernetes DNS spec, answered as CoreDNS does.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.dns.DnsServerMain --api 127.0.0.1:6443 --listen 127.0.0.1:1053 --admin-port 6083",
        "  (then: dig @127.0.0.1 -p 1053 kubernetes.default.svc.cluster.local)"})
public final class DnsServerMain implements Callable<Integer> {
  @Option(names = "--api", defaultValue = ApiChannels.DEFAULT_TARGET, converter = ApiFlag.class,
      description = ApiFlag.DESCRIPTION)
  String api;

  @Option(names = "--listen", defaultValue = "127.0.0.1:1053", description = "UDP and TCP address (default ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--zone", defaultValue = "cluster.local", description = "Cluster domain (default ${DEFAULT-VALUE}).")
  String zone;

  @Option(names = "--ttl", defaultValue = "5", description = "Record TTL and SOA minimum, seconds (default ${DEFAULT-VALUE}).")
  long ttl;

  @Option(names = "--upstream", description = "host:port to forward names outside the zone to; without it they are REFUSED.")
  String upstream;

  @Option(names = "--pods", defaultValue = "insecure", description = "Pod records: insecure, verified or disabled (default ${DEFAULT-VALUE}).")
  String pods;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Admin endpoint address.")
  String bindAddress;

  @Option(names = "--admin-port", defaultValue = "6083", description = "Port of /metrics, /health, /ready, /healthz, /readyz.")
  int adminPort;

  @Option(names = "--register-endpoint", description = "Address to publish as the endpoint of kube-system/kube-dns (an EndpointSlice managed by dns-server.svclab.io); off when unset.")
  String registerEndpoint;

  @Option(names = "--tcp-idle-timeout", defaultValue = "10s", converter = GoDuration.class,
      description = "Close idle TCP connections after this, a Go duration: 10s, 1m (default ${DEFAULT-VALUE}).")
  Duration tcpIdle;

  @Option(names = "--max-tcp-connections", defaultValue = "1000", description = "TCP connection cap (default ${DEFAULT-VALUE}).")
  int maxTcp;

  @Option(names = "--reply-cache", defaultValue = "" + QueryCodec.DEFAULT_CACHE_ENTRIES,
      description = "Finished replies kept per index (repeated queries skip parse and lookup); 0 turns it off (default ${DEFAULT-VALUE}).")
  int replyCache;

  @Option(names = "--udp-sockets", defaultValue = "0",
      description = "UDP sockets with SO_REUSEPORT, one thread each (epoll); 0: one per CPU (default ${DEFAULT-VALUE}).")
  int udpSockets;

  @Option(names = "--debounce-ms", defaultValue = "2", description = "Batching delay before a change is published (default ${DEFAULT-VALUE}).")
  long debounceMillis;

  @Override
  public Integer call() throws Exception {
    InetSocketAddress listenAddress = hostPort(listen);
    ServiceProcess process = ServiceProcess.start("dns-server");
    ManagedChannel channel = process.register("api channel", ApiChannels.forTarget(api), ManagedChannel::shutdownNow);

    ClusterWatch watch = new ClusterWatch(channel);
    IndexPublisher publisher = process.register("index publisher",
        new IndexPublisher(debounceMillis, watch::hasSynced, Clock.systemUTC()).start());
    process.register("informers", watch);
    watch.start(publisher);

    AnswerSettings settings = new AnswerSettings(zone, ttl, PodMode.valueOf(pods.toUpperCase(Locale.ROOT)),
        List.of(registerEndpoint != null ? registerEndpoint : listenAddress.getAddress().getHostAddress()),
        upstream != null, AnswerSettings.DEFAULT_UDP_BUFFER);
    DnsAnswerer answerer = new DnsAnswerer(publisher, settings);
    DnsMetrics metrics = new DnsMetrics(PrometheusRegistry.defaultRegistry,
        "dns://" + listenAddress.getAddress().getHostAddress() + ":" + listenAddress.getPort());
    Upstream up = upstream == null ? null : new Upstream(upstream, Duration.ofSeconds(2));
    QueryCodec codec = new QueryCodec(answerer, replyCache);
    metrics.watchCache(PrometheusRegistry.defaultRegistry, codec);
    DnsServer server = process.register("dns listeners",
        new DnsServer(codec, up, metrics, tcpIdle, maxTcp,
            udpSockets > 0 ? udpSockets : Runtime.getRuntime().availableProcessors()).start(listenAddress));
    DnsAdmin admin = process.register("admin", DnsAdmin.start(bindAddress, adminPort, PrometheusRegistry.defaultRegistry,
        () -> publisher.get().synced()));
    if (registerEndpoint != null) {
      process.register("kube-dns registration", new KubeDnsRegistration(
          new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES, 1_000), registerEndpoint, server.port(),
          admin.port()).start());
    }
    process.awaitTermination();
    return 0;
  }

  static InetSocketAddress hostPort(String s) throws java.net.UnknownHostException {
    int colon = s.lastIndexOf(':');
    String host = s.substring(0, colon);
    if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
    return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(s.substring(colon + 1)));
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DnsServerMain()).execute(args));
  }
}
