package io.svclab.e2e.bench;

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
 * records; the same dnsperf query file (10% missing names) against both in one run. Prints
 * qps, lost queries, latency (p99 from a rate-limited verbose run), the svclab/NSD ratio and
 * the dns-server's heap per record.
 */
@Command(name = "dns", description = "dnsperf against the dns-server and NSD with the same zone", mixinStandardHelpOptions = true)
final class DnsBenchmark implements Callable<Integer> {
  static final String SVCLAB_HOST = "127.0.53.1";
  static final String NSD_HOST = "127.0.53.2";
  static final String MANAGED_BY = "dns-bench.svclab.io";

  @Option(names = "--services", description = "default: ${DEFAULT-VALUE}")
  private int services = 10_000;
  @Option(names = "--headless", description = "default: ${DEFAULT-VALUE}")
  private int headless = 1_000;
  @Option(names = "--endpoints", description = "default: ${DEFAULT-VALUE}")
  private int endpointsPerService = 5;
  @Option(names = "--namespaces", description = "default: ${DEFAULT-VALUE}")
  private int namespaces = 10;
  @Option(names = "--seconds", description = "default: ${DEFAULT-VALUE}")
  private int seconds = 10;
  @Option(names = "--clients", description = "default: ${DEFAULT-VALUE}")
  private int clients = 8;
  @Option(names = "--outstanding", description = "default: ${DEFAULT-VALUE}")
  private int outstanding = 200;
  @Option(names = "--threads", description = "default: ${DEFAULT-VALUE}")
  private int threads = 1;
  @Option(names = "--latency-rate", description = "default: ${DEFAULT-VALUE}")
  private int latencyRate = 20_000;
  @Option(names = "--nsd-servers", description = "default: ${DEFAULT-VALUE}")
  private int nsdServers = 1;
  @Option(names = "--histogram", description = "default: ${DEFAULT-VALUE}")
  private int histogram = 0;


  @Override
  public Integer call() throws Exception {
    BenchProcesses.ensureCommand("dnsperf", "dnsperf");
    BenchProcesses.ensureCommand("dig", "dnsutils");
    Path dir = Files.createTempDirectory("svclab-bench-dns");
    int apiPort = BenchProcesses.freePort();
    List<AutoCloseable> toStop = new ArrayList<>();
    Process api = null;
    Process dns = null;
    ManagedChannel channel = null;
    try {
      api = BenchProcesses.java("apiserver", "io.svclab.apiserver.ApiServerMain", List.of("--data", dir.toString(),
          "--port", Integer.toString(apiPort), "--admin-port", Integer.toString(BenchProcesses.freePort())),
          dir.resolve("apiserver.log"));
      BenchProcesses.awaitPort(apiPort, api, "apiserver");
      String target = "127.0.0.1:" + apiPort;
      int dnsPort = BenchProcesses.freePort();
      int dnsAdmin = BenchProcesses.freePort();
      dns = BenchProcesses.java("dns-server", "io.svclab.dns.DnsServerMain", List.of("--api", target,
          "--listen", SVCLAB_HOST + ":" + dnsPort, "--admin-port", Integer.toString(dnsAdmin)), dir.resolve("dns-server.log"));
      String metrics = "http://127.0.0.1:" + dnsAdmin + "/metrics";
      awaitReady("http://127.0.0.1:" + dnsAdmin + "/ready", dns);
      // the baseline after the serving path has run once (its classes and caches loaded), before any Service exists
      Path warmQueries = dir.resolve("warm-up-queries.txt");
      new BenchZone("cluster.local", 5, Map.of("kubernetes.default.svc.cluster.local", List.of("x"))).writeQueryFile(
          warmQueries, 100, 0.5, 1);
      dnsperf(SVCLAB_HOST, dnsPort, warmQueries, List.of("-l", "2", "-Q", "5000"));
      gc(dns);
      double heapBefore = heapUsed(metrics);

      channel = ApiChannels.forTarget(target);
      ResourceClient<Namespace> nss = new ResourceClient<>(channel, ResourceKinds.NAMESPACES, 30_000);
      ResourceClient<Service> svcs = new ResourceClient<>(channel, ResourceKinds.SERVICES, 30_000);
      ResourceClient<EndpointSlice> slices = new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES, 30_000);
      System.out.printf("dns benchmark: %,d ClusterIP Services and %,d headless x %d endpoints in %d namespaces;"
          + " svclab dns-server %s:%d vs NSD %s (server-count %d)%n", services, headless, endpointsPerService, namespaces,
          SVCLAB_HOST, dnsPort, NSD_HOST, nsdServers);
      long setup = System.nanoTime();
      for (int n = 0; n < namespaces; n++) {
        nss.create(Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("bench-" + n)).build());
      }
      Map<String, List<String>> addresses = new ConcurrentHashMap<>();
      parallel(services, i -> {
        Service s = svcs.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("svc-" + i)
                .setNamespace(namespace(i)))
            .setSpec(ServiceSpec.newBuilder().putSelector("app", "svc-" + i).addPorts(ServicePort.newBuilder()
                .setName("http").setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build());
        addresses.put(fqdn("svc-" + i, namespace(i)), List.of(s.getSpec().getClusterIp()));
      });
      parallel(headless, i -> {
        String name = "hl-" + i;
        svcs.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(namespace(i)))
            .setSpec(ServiceSpec.newBuilder().setClusterIp("None").putSelector("app", name).addPorts(ServicePort.newBuilder()
                .setName("http").setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build());
        EndpointSlice.Builder slice = EndpointSlice.newBuilder()
            .setMetadata(ObjectMeta.newBuilder().setName(name + "-bench").setNamespace(namespace(i))
                .putLabels("kubernetes.io/service-name", name).putLabels("endpointslice.kubernetes.io/managed-by", MANAGED_BY))
            .setAddressType("IPv4")
            .addPorts(EndpointSlicePort.newBuilder().setName("http").setProtocol("TCP").setPort(8080));
        List<String> ips = new ArrayList<>();
        for (int e = 0; e < endpointsPerService; e++) {
          String ip = endpointIp(i * endpointsPerService + e);
          ips.add(ip);
          slice.addEndpoints(Endpoint.newBuilder().addAddresses(ip)
              .setConditions(EndpointConditions.newBuilder().setReady(true).setServing(true).setTerminating(false)));
        }
        slices.create(slice.build());
        addresses.put(fqdn(name, namespace(i)), ips);
      });
      BenchZone zone = new BenchZone("cluster.local", 5, new TreeMap<>(addresses));
      awaitAnswers(zone, dnsPort);
      System.out.printf("setup: %,d names (%,d A records) written and answered by the dns-server after %.1f s%n",
          addresses.size(), zone.records(), (System.nanoTime() - setup) / 1e9);
      gc(dns);
      double heapAfter = heapUsed(metrics);
      double perRecord = (heapAfter - heapBefore) / zone.records();
      if (histogram > 0) { // where the heap goes: the dns-server's largest classes
        Process h = new ProcessBuilder("jcmd", Long.toString(dns.pid()), "GC.class_histogram").redirectErrorStream(true).start();
        new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).limit(histogram + 2L)
            .forEach(System.out::println);
        h.waitFor(30, TimeUnit.SECONDS);
      }

      NsdAnchor nsd = NsdAnchor.start(dir, zone, NSD_HOST, dnsPort, nsdServers);
      toStop.add(nsd);
      Path queries = dir.resolve("queries.txt");
      zone.writeQueryFile(queries, 100_000, 0.10, 42);

      List<String> load = List.of("-l", Integer.toString(seconds), "-c", Integer.toString(clients),
          "-q", Integer.toString(outstanding), "-T", Integer.toString(threads), "-t", "2");
      List<String> warmUp = List.of("-l", "5", "-c", Integer.toString(clients), "-q", Integer.toString(outstanding),
          "-T", Integer.toString(threads), "-t", "2");
      List<String> paced = List.of("-l", "5", "-c", Integer.toString(clients), "-Q", Integer.toString(latencyRate),
          "-t", "2", "-v");
      System.out.println("query file: 100,000 A queries, 10% missing names; throughput: dnsperf "
          + String.join(" ", load) + "; latency: dnsperf " + String.join(" ", paced));
      dnsperf(SVCLAB_HOST, dnsPort, queries, warmUp); // the JIT compiles the serving path; NSD needs no warm-up
      DnsperfRun svclab = dnsperf(SVCLAB_HOST, dnsPort, queries, load);
      DnsperfRun anchor = dnsperf(NSD_HOST, dnsPort, queries, load);
      DnsperfRun svclabPaced = dnsperf(SVCLAB_HOST, dnsPort, queries, paced);
      DnsperfRun anchorPaced = dnsperf(NSD_HOST, dnsPort, queries, paced);

      System.out.printf("%-8s %12s %10s %12s %12s | %s%n", "server", "qps", "lost", "avg ms", "p99 ms @" + latencyRate / 1000
          + "k/s", "responses");
      print("svclab", svclab, svclabPaced);
      print("NSD", anchor, anchorPaced);
      double ratio = svclab.qps() / anchor.qps();
      System.out.printf("svclab/NSD qps ratio: %.2f (goal >= 0.5 -> %s)%n", ratio, ratio >= 0.5 ? "met" : "NOT met");
      System.out.printf("svclab p99 at %,d qps: %.3f ms (goal < 1 ms -> %s)%n", latencyRate, svclabPaced.p99Millis(),
          svclabPaced.p99Millis() < 1 ? "met" : "NOT met");
      System.out.printf("dns-server reply cache: %.0f hits, %.0f misses%n", metric(metrics, "svclab_dns_reply_cache_hits_total"),
          metric(metrics, "svclab_dns_reply_cache_misses_total"));
      System.out.printf("dns-server heap: %.1f MiB before, %.1f MiB after (full GC) -> %.0f bytes per record over %,d"
          + " records (goal <= 1024 -> %s)%n", heapBefore / 1048576, heapAfter / 1048576, perRecord, zone.records(),
          perRecord <= 1024 ? "met" : "NOT met");
      return 0;
    } finally {
      if (channel != null) {
        channel.shutdownNow();
      }
      for (AutoCloseable c : toStop) {
        c.close();
      }
      BenchProcesses.stop(dns);
      BenchProcesses.stop(api);
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The first sample of a metric family on the /metrics page (NaN if absent). */
  private static double metric(String metricsUrl, String name) throws Exception {
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
  }

  private static void print(String server, DnsperfRun load, DnsperfRun paced) {
    System.out.printf("%-8s %,12.0f %,10d %12.3f %12.3f | %s%n", server, load.qps(), load.lost(), load.avgLatencyMillis(),
        paced.p99Millis(), load.responseCodes());
  }

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

  private static DnsperfRun dnsperf(String host, int port, Path queries, List<String> load) throws Exception {
    Process p = new ProcessBuilder(DnsperfRun.command(host, port, queries.toString(), load)).redirectErrorStream(true)
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("dnsperf did not finish");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    DnsperfRun run = DnsperfRun.parse(text);
    if (run.completed() < 0) {
      throw new IllegalStateException("dnsperf printed no statistics:\n" + text);
    }
    return run;
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

  private static void gc(Process p) throws Exception {
    for (int i = 0; i < 2; i++) {
      new ProcessBuilder("jcmd", Long.toString(p.pid()), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }
    Thread.sleep(300);
  }

  private static double heapUsed(String metricsUrl) throws Exception {
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
  }

  private interface IntTask {
    void run(int i) throws Exception;
  }

  private static void parallel(int count, IntTask task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    for (int t = 0; t < 16; t++) {
      pool.execute(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          try {
            task.run(i);
          } catch (Exception e) {
            if (failed.incrementAndGet() <= 5) {
              System.err.println("setup write " + i + " failed: " + e);
            }
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " setup writes failed");
    }
  }
}
