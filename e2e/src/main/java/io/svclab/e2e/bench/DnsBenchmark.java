package io.svclab.e2e.bench;

import io.svclab.client.kube.WellKnown;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./lab bench dns}: 10,000 ClusterIP Services and 1,000 headless Services with 5 ready
 * endpoints each, written through the API (Services and EndpointSlices, no pods, no
 * controllers), served by svclab's dns-server and by NSD from a zone file with the same
 * records, both on the same number of cores (the dns-server's UDP sockets = NSD's
 * {@code server-count}), both given the same warm-up, the same dnsperf query file (10%
 * missing names). Three svclab rows beside NSD: reply cache on; reply cache off
 * ({@code --reply-cache 0}); cache on while 50 EndpointSlice updates a second are written.
 * Each row: rounds interleaved svclab/NSD, order alternated, each round a throughput run and a
 * paced verbose run (p99), every run with dnsperf's own CPU and the server's; medians. Heap per
 * record: the dns-server's heap after full GCs (the least of several samples), after the load
 * with the cache full, less the same before any Service existed.
 */
@Command(name = "dns", description = "dnsperf against the dns-server and NSD with the same zone", mixinStandardHelpOptions = true)
final class DnsBenchmark implements Callable<Integer> {
  static final String SVCLAB_HOST = "127.0.53.1";
  static final String NSD_HOST = "127.0.53.2";
  static final String MANAGED_BY = "dns-bench.svclab.io";

  @Option(names = "--services", description = "ClusterIP Services (default: ${DEFAULT-VALUE})")
  private int services = 10_000;
  @Option(names = "--headless", description = "headless Services (default: ${DEFAULT-VALUE})")
  private int headless = 1_000;
  @Option(names = "--endpoints", description = "ready endpoints per headless Service (default: ${DEFAULT-VALUE})")
  private int endpointsPerService = 5;
  @Option(names = "--namespaces", description = "default: ${DEFAULT-VALUE}")
  private int namespaces = 10;
  @Option(names = "--seconds", description = "each throughput run (default: ${DEFAULT-VALUE})")
  private int seconds = 8;
  @Option(names = "--rounds", description = "rounds per row, svclab and NSD interleaved (default: ${DEFAULT-VALUE})")
  private int rounds = 3;
  @Option(names = "--clients", description = "dnsperf -c (default: ${DEFAULT-VALUE})")
  private int clients = 16;
  @Option(names = "--outstanding", description = "dnsperf -q (default: ${DEFAULT-VALUE})")
  private int outstanding = 400;
  @Option(names = "--threads", description = "dnsperf -T (default: ${DEFAULT-VALUE})")
  private int threads = 2;
  @Option(names = "--latency-rate", description = "qps of the paced run whose p99 is reported (default: ${DEFAULT-VALUE})")
  private int latencyRate = 20_000;
  @Option(names = "--udp-sockets", description = "the dns-server's --udp-sockets and NSD's server-count; 0: one per core (default: ${DEFAULT-VALUE})")
  private int udpSockets = 0;
  @Option(names = "--churn", description = "EndpointSlice updates per second in the churn row (default: ${DEFAULT-VALUE})")
  private int churnPerSecond = 50;
  @Option(names = "--warm-up", description = "seconds of dnsperf load each server gets before a row (default: ${DEFAULT-VALUE})")
  private int warmUpSeconds = 5;
  @Option(names = "--histogram", description = "print the dns-server's N largest heap classes after the load (default: ${DEFAULT-VALUE})")
  private int histogram = 0;

  private Path dir;
  private String apiTarget;

  /** A running dns-server: its process, DNS port, metrics URL. */
  private record DnsProcess(Process process, String metrics) {}

  @Override
  public Integer call() throws Exception {
    BenchProcesses.ensureCommand("dnsperf", "dnsperf");
    BenchProcesses.ensureCommand("dig", "dnsutils");
    BenchProcesses.ensureCommand("nsd", "nsd");
    int sockets = udpSockets > 0 ? udpSockets : Runtime.getRuntime().availableProcessors();
    dir = Files.createTempDirectory("svclab-bench-dns");
    int apiPort = BenchProcesses.freePort();
    int dnsPort = BenchProcesses.freePort();
    List<AutoCloseable> toStop = new ArrayList<>();
    Process api = null;
    DnsProcess dns = null;
    ManagedChannel channel = null;
    try {
      api = BenchProcesses.apiserver(dir, apiPort, List.of(), dir.resolve("apiserver.log"));
      apiTarget = "127.0.0.1:" + apiPort;
      dns = startDns(dnsPort, sockets, List.of(), "dns-server.log");
      // the baseline after the serving path has run once (its classes and caches loaded), before any Service exists
      Path warmQueries = dir.resolve("warm-up-queries.txt");
      new BenchZone("cluster.local", 5, Map.of("kubernetes.default.svc.cluster.local", List.of("x"))).writeQueryFile(
          warmQueries, 100, 0.5, 1);
      DnsLoad.run(SVCLAB_HOST, dnsPort, warmQueries, List.of("-l", "2", "-Q", "5000"), dns.process().pid());
      double heapBefore = ProcessMetrics.heapAfterFullGc(dns.process().pid(), dns.metrics());

      channel = ApiChannels.forTarget(apiTarget);
      ResourceClient<Namespace> nss = new ResourceClient<>(channel, ResourceKinds.NAMESPACES, 30_000);
      ResourceClient<Service> svcs = new ResourceClient<>(channel, ResourceKinds.SERVICES, 30_000);
      ResourceClient<EndpointSlice> slices = new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES, 30_000);
      System.out.printf("dns benchmark: %,d ClusterIP Services and %,d headless x %d endpoints in %d namespaces;"
          + " svclab dns-server %s:%d vs NSD %s:%d%n", services, headless, endpointsPerService, namespaces,
          SVCLAB_HOST, dnsPort, NSD_HOST, dnsPort);
      System.out.printf("same cores: the dns-server's --udp-sockets %d = NSD's server-count %d (%d cores here)%n",
          sockets, sockets, Runtime.getRuntime().availableProcessors());
      long setup = System.nanoTime();
      List<EndpointSlice> headlessSlices = new ArrayList<>(java.util.Collections.nCopies(headless, null));
      Map<String, List<String>> addresses = writeCluster(nss, svcs, slices, headlessSlices);
      BenchZone zone = new BenchZone("cluster.local", 5, new TreeMap<>(addresses));
      awaitAnswers(zone, dnsPort);
      System.out.printf("setup: %,d names (%,d A records) written and answered by the dns-server after %.1f s%n",
          addresses.size(), zone.records(), (System.nanoTime() - setup) / 1e9);

      NsdAnchor nsd = NsdAnchor.start(dir, zone, NSD_HOST, dnsPort, sockets);
      toStop.add(nsd);
      Path queries = dir.resolve("queries.txt");
      zone.writeQueryFile(queries, 100_000, 0.10, 42);
      List<String> load = List.of("-l", Integer.toString(seconds), "-c", Integer.toString(clients),
          "-q", Integer.toString(outstanding), "-T", Integer.toString(threads), "-t", "2");
      List<String> warmUp = List.of("-l", Integer.toString(warmUpSeconds), "-c", Integer.toString(clients),
          "-q", Integer.toString(outstanding), "-T", Integer.toString(threads), "-t", "2");
      List<String> paced = List.of("-l", "5", "-c", Integer.toString(clients), "-Q", Integer.toString(latencyRate),
          "-t", "2", "-v");
      System.out.println("query file: 100,000 A queries, 10% missing names; throughput: dnsperf " + String.join(" ", load)
          + "; latency: dnsperf " + String.join(" ", paced) + "; warm-up before each row, both servers: dnsperf "
          + String.join(" ", warmUp));
      System.out.printf("%d rounds per row, svclab and NSD alternating first; each round: a throughput run, then a paced"
          + " run%n", rounds);

      Rows rows = new Rows(queries, dnsPort, load, warmUp, paced, nsd);
      DnsRow cacheOn = rows.measure("reply cache on", dns);

      // heap after the load, with the cache full
      double cached = ProcessMetrics.scrape(dns.metrics(), "svclab_dns_reply_cache_entries");
      double heapAfter = ProcessMetrics.heapAfterFullGc(dns.process().pid(), dns.metrics());
      double perRecord = (heapAfter - heapBefore) / zone.records();
      if (histogram > 0) {
        printHistogram(dns.process());
      }

      int maxUpdates = churnPerSecond * rows.rowSeconds() * 2;
      double droppedBefore = ProcessMetrics.scrape(dns.metrics(), "svclab_dns_reply_cache_dropped_total");
      double hitsBefore = ProcessMetrics.scrape(dns.metrics(), "svclab_dns_reply_cache_hits_total");
      double missesBefore = ProcessMetrics.scrape(dns.metrics(), "svclab_dns_reply_cache_misses_total");
      DnsRow churnRow;
      SliceChurn churn = SliceChurn.start(slices, headlessSlices, churnPerSecond, maxUpdates);
      try {
        churnRow = rows.measure("cache on, " + churnPerSecond + " slice updates/s", dns);
      } finally {
        churn.close();
      }
      double dropped = ProcessMetrics.scrape(dns.metrics(), "svclab_dns_reply_cache_dropped_total") - droppedBefore;
      double hits = ProcessMetrics.scrape(dns.metrics(), "svclab_dns_reply_cache_hits_total") - hitsBefore;
      double misses = ProcessMetrics.scrape(dns.metrics(), "svclab_dns_reply_cache_misses_total") - missesBefore;
      System.out.printf("churn: %,d EndpointSlice updates written through the API at %.1f/s (%d failed) during the row,"
          + " NSD rounds included (same machine load); dns-server cache meanwhile: %,.0f hits, %,.0f misses, %,.0f"
          + " replies dropped as their names changed%n", churn.written(), churn.rate(), churn.failed(), hits, misses,
          dropped);

      BenchProcesses.stop(dns.process());
      dns = startDns(dnsPort, sockets, List.of("--reply-cache", "0"), "dns-server-nocache.log");
      awaitAnswers(new BenchZone(zone.zone(), zone.ttl(), asChurnLeftThem(zone, headlessSlices)), dnsPort);
      DnsRow cacheOff = rows.measure("reply cache off (--reply-cache 0)", dns);

      System.out.println();
      System.out.println(DnsRow.header(latencyRate));
      for (DnsRow row : List.of(cacheOn, cacheOff, churnRow)) {
        System.out.println(row.summary());
      }
      double generator = 0;
      double bound = Double.MAX_VALUE;
      double highest = 0;
      for (DnsRow row : List.of(cacheOn, cacheOff, churnRow)) {
        generator = Math.max(generator, row.generatorLoad(threads));
        bound = Math.min(bound, row.outstandingBound(outstanding));
        highest = Math.max(highest, row.highestQps());
      }
      System.out.printf("generator: dnsperf used at most %.0f%% of its %d threads' CPU in any run (utime+stime from"
          + " /proc); its outstanding limit (-q %d / average latency) allows >= %,.0f qps; the highest qps any run"
          + " reached: %,.0f%n", generator * 100, threads, outstanding, bound, highest);
      System.out.printf("dns-server heap: %.1f MiB before any Service, %.1f MiB after the load with %,.0f replies cached"
          + " (least of 3 samples after full GC) -> %.0f bytes per record over %,d records%n", heapBefore / 1048576,
          heapAfter / 1048576, cached, perRecord, zone.records());
      goal("cache off >= 0.5x NSD qps", cacheOff.ratio() >= 0.5, String.format(Locale.ROOT, "%.2fx", cacheOff.ratio()));
      goal("under churn p99 < 1 ms", churnRow.p99(churnRow.svclab) < 1,
          String.format(Locale.ROOT, "%.3f ms", churnRow.p99(churnRow.svclab)));
      goal("under churn >= 0.5x NSD qps", churnRow.ratio() >= 0.5, String.format(Locale.ROOT, "%.2fx", churnRow.ratio()));
      goal("heap <= 1 KiB/record after load", perRecord <= 1024, String.format(Locale.ROOT, "%.0f B", perRecord));
      return 0;
    } finally {
      if (channel != null) {
        channel.shutdownNow();
      }
      for (AutoCloseable c : toStop) {
        c.close();
      }
      if (dns != null) {
        BenchProcesses.stop(dns.process());
      }
      BenchProcesses.stop(api);
      deleteTree(dir);
    }
  }

  private static void goal(String goal, boolean met, String figure) {
    System.out.printf("goal %-34s %s: %s%n", goal, met ? "met" : "MISSED", figure);
  }

  /** Runs one row: a warm-up of both servers, then rounds alternating which goes first. */
  private final class Rows {
    private final Path queries;
    private final int port;
    private final List<String> load;
    private final List<String> warmUp;
    private final List<String> paced;
    private final NsdAnchor nsd;

    Rows(Path queries, int port, List<String> load, List<String> warmUp, List<String> paced, NsdAnchor nsd) {
      this.queries = queries;
      this.port = port;
      this.load = load;
      this.warmUp = warmUp;
      this.paced = paced;
      this.nsd = nsd;
    }

    /** Seconds one row takes, about: the churn writer's bound is twice this. */
    int rowSeconds() {
      return 2 * warmUpSeconds + rounds * 2 * (seconds + 5 + 4);
    }

    DnsRow measure(String name, DnsProcess dns) throws Exception {
      DnsRow row = new DnsRow(name);
      DnsLoad.run(SVCLAB_HOST, port, queries, warmUp, dns.process().pid());
      DnsLoad.run(NSD_HOST, port, queries, warmUp, nsd.pid());
      for (int r = 1; r <= rounds; r++) {
        boolean svclabFirst = r % 2 == 1;
        for (int side = 0; side < 2; side++) {
          boolean svclab = (side == 0) == svclabFirst;
          String host = svclab ? SVCLAB_HOST : NSD_HOST;
          long pid = svclab ? dns.process().pid() : nsd.pid();
          DnsRow.Round round = new DnsRow.Round(DnsLoad.run(host, port, queries, load, pid),
              DnsLoad.run(host, port, queries, paced, pid).run());
          (svclab ? row.svclab : row.nsd).add(round);
          System.out.println(DnsRow.line(name, r, svclab ? "svclab" : "NSD", round));
        }
      }
      return row;
    }
  }

  private DnsProcess startDns(int dnsPort, int sockets, List<String> extra, String log) throws Exception {
    int dnsAdmin = BenchProcesses.freePort();
    List<String> args = new ArrayList<>(List.of("--api", apiTarget, "--listen", SVCLAB_HOST + ":" + dnsPort,
        "--admin-port", Integer.toString(dnsAdmin), "--udp-sockets", Integer.toString(sockets)));
    args.addAll(extra);
    Process p = BenchProcesses.java("dns-server", "io.svclab.dns.DnsServerMain", args, dir.resolve(log));
    awaitReady("http://127.0.0.1:" + dnsAdmin + "/ready", p);
    return new DnsProcess(p, "http://127.0.0.1:" + dnsAdmin + "/metrics");
  }

  /** The Services and slices, written in parallel; each name's A records. */
  private Map<String, List<String>> writeCluster(ResourceClient<Namespace> nss, ResourceClient<Service> svcs,
      ResourceClient<EndpointSlice> slices, List<EndpointSlice> headlessSlices) throws Exception {
    for (int n = 0; n < namespaces; n++) {
      nss.create(Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("bench-" + n)).build());
    }
    Map<String, List<String>> addresses = new ConcurrentHashMap<>();
    SetupWrites.parallel(services, 16, i -> {
      Service s = svcs.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("svc-" + i)
              .setNamespace(namespace(i)))
          .setSpec(ServiceSpec.newBuilder().putSelector("app", "svc-" + i).addPorts(ServicePort.newBuilder()
              .setName("http").setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build());
      addresses.put(fqdn("svc-" + i, namespace(i)), List.of(s.getSpec().getClusterIp()));
    });
    SetupWrites.parallel(headless, 16, i -> {
      String name = "hl-" + i;
      svcs.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(namespace(i)))
          .setSpec(ServiceSpec.newBuilder().setClusterIp("None").putSelector("app", name).addPorts(ServicePort.newBuilder()
              .setName("http").setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build());
      EndpointSlice.Builder slice = EndpointSlice.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName(name + "-bench").setNamespace(namespace(i))
              .putLabels(WellKnown.LABEL_SERVICE_NAME, name).putLabels(WellKnown.LABEL_MANAGED_BY, MANAGED_BY))
          .setAddressType("IPv4")
          .addPorts(EndpointSlicePort.newBuilder().setName("http").setProtocol("TCP").setPort(8080));
      List<String> ips = new ArrayList<>();
      for (int e = 0; e < endpointsPerService; e++) {
        String ip = endpointIp(i * endpointsPerService + e);
        ips.add(ip);
        slice.addEndpoints(Endpoint.newBuilder().addAddresses(ip)
            .setConditions(EndpointConditions.newBuilder().setReady(true).setServing(true).setTerminating(false)));
      }
      headlessSlices.set(i, slices.create(slice.build()));
      addresses.put(fqdn(name, namespace(i)), ips);
    });
    return addresses;
  }

  /** The zone's names with each headless Service's ready addresses as the churn left them. */
  private Map<String, List<String>> asChurnLeftThem(BenchZone zone, List<EndpointSlice> headlessSlices) {
    Map<String, List<String>> out = new TreeMap<>(zone.addresses());
    for (EndpointSlice s : headlessSlices) {
      List<String> ready = s.getEndpointsList().stream().filter(e -> e.getConditions().getReady())
          .map(e -> e.getAddresses(0)).toList();
      out.put(fqdn(s.getMetadata().getLabelsMap().get(WellKnown.LABEL_SERVICE_NAME), s.getMetadata().getNamespace()),
          ready);
    }
    return out;
  }

  private void printHistogram(Process dns) throws Exception {
    Process h = new ProcessBuilder("jcmd", Long.toString(dns.pid()), "GC.class_histogram").redirectErrorStream(true).start();
    new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).limit(histogram + 2L)
        .forEach(System.out::println);
    h.waitFor(30, TimeUnit.SECONDS);
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The first sample of a metric family on the /metrics page (NaN if absent). */


  private String namespace(int i) {
    return "bench-" + (i % namespaces);
  }

  private static String fqdn(String service, String namespace) {
    return service + "." + namespace + ".svc.cluster.local";
  }

  /** Endpoint k's address: 127.250.0.1 on, 250 per /24. */
  private static String endpointIp(int k) {
    return "127." + (250 + k / 62_500) + "." + (k / 250 % 250) + "." + (k % 250 + 1);
  }

  /** The dns-server has every name: the last of each kind and 200 random ones answer with their records. */
  private static void awaitAnswers(BenchZone zone, int port) throws Exception {
    List<String> names = new ArrayList<>(zone.addresses().keySet());
    Random random = new Random(1);
    List<String> sample = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sample.add(names.get(random.nextInt(names.size())));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    for (String name : sample) {
      List<String> expected = zone.addresses().get(name).stream().sorted().toList();
      while (true) {
        List<String> got = digShort(SVCLAB_HOST, port, name, "A").stream().sorted().toList();
        if (got.equals(expected)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("dns-server answers " + name + " with " + got + ", not " + expected);
        }
        Thread.sleep(100);
      }
    }
  }

  /** Real {@code dig @host -p port args...}, one try; its output. */
  static String dig(String host, int port, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("dig", "@" + host, "-p", Integer.toString(port), "+tries=1", "+time=2"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  private static List<String> digShort(String host, int port, String name, String type) throws Exception {
    return dig(host, port, "+short", name, type).lines().filter(l -> !l.isBlank() && !l.startsWith(";")).toList();
  }



  private static void awaitReady(String url, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    HttpClient http = HttpClient.newHttpClient();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("dns-server exited " + p.exitValue());
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("dns-server not ready within 60 s");
  }



}
