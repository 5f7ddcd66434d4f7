package io.svclab.apiserver;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.client.admin.AdminServer;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.apiserver.bootstrap.AdvertiseAddress;
import io.svclab.apiserver.bootstrap.AdvertiseAddress.InterfaceAddress;
import io.svclab.apiserver.store.StorageBackend;
import io.svclab.apiserver.store.StorageSettings;
import io.svclab.apiserver.store.StorageUnavailableException;
import io.svclab.client.flags.GoDuration;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apiserver}: the API, its store and its watch streams, as one process. */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
    description = "svclab API server: gRPC API, SQLite or etcd store, watch cache.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.apiserver.ApiServerMain --data .lab --port 6443 --admin-port 6080",
        "  java -cp 'cli/target/lib/*' io.svclab.apiserver.ApiServerMain --data /tmp/api --service-cluster-ip-range 10.96.0.0/16",
        "  java -cp 'cli/target/lib/*' io.svclab.apiserver.ApiServerMain --data /tmp/api --storage etcd:http://127.0.0.1:2379"})
public final class ApiServerMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ApiServerMain.class);

  @Option(names = "--data", defaultValue = ".lab", description = "Data directory (state.db lives here with the default SQLite storage; the REST serving material and kubeconfig always).")
  Path data;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "gRPC listen address.")
  String host;

  @Option(names = "--advertise-address",
      description = "Address published as the kubernetes Service's endpoint. Default: --bind-address, or when that is"
          + " 0.0.0.0 the first non-loopback IPv4 address of this machine.")
  Optional<String> advertiseAddress;

  @Option(names = "--port", defaultValue = "6443", description = "gRPC listen port.")
  int port;

  @Option(names = "--unix-socket", description = "Also serve gRPC on this Unix domain socket.")
  Path unixSocket;

  @Option(names = "--admin-port", defaultValue = "6080", description = "Port of /metrics and /healthz.")
  int adminPort;

  @Option(names = "--service-cluster-ip-range", defaultValue = "127.96.0.0/16", description = "Service CIDR.")
  String serviceCidr;

  @Option(names = "--service-node-port-range", defaultValue = "30000-32767", description = "NodePort range.")
  String nodePortRange;

  @Option(names = "--rest-port", defaultValue = "6444",
      description = "Kubernetes-compatible HTTPS API for kubectl (writes <data>/kubeconfig); 0 = any free port, -1 = off.")
  int restPort;

  @Option(names = "--allocator-repair-interval", defaultValue = "3m", converter = GoDuration.class,
      description = "How often the ClusterIP and NodePort allocations are rebuilt from the stored Services, freeing"
          + " values no Service holds after three repairs in a row found them so (Kubernetes' repair controllers).")
  Duration allocatorRepairInterval;

  @Option(names = "--watch-cache-size", defaultValue = "20000", description = "Changes kept for watch resume.")
  int watchWindow;

  @Option(names = "--storage", converter = StorageBackendFlag.class, paramLabel = "<backend>",
      description = "sqlite:<path> (default: sqlite:<data>/state.db) or etcd:http://<host>:<port>[,...] (an etcd"
          + " cluster's client URLs; keys under --etcd-prefix).")
  StorageBackend storage;

  @Option(names = "--etcd-prefix", defaultValue = StorageSettings.DEFAULT_ETCD_PREFIX,
      description = "With etcd storage: the prefix every key is stored under (as kube-apiserver's).")
  String etcdPrefix;

  @Option(names = "--etcd-compaction-interval", defaultValue = "5m", converter = GoDuration.class,
      description = "With etcd storage: how often history older than one interval is compacted; 0s = never.")
  Duration compactionInterval;

  @Option(names = "--storage-connect-timeout", defaultValue = "20s", converter = GoDuration.class,
      description = "With etcd storage: how long start-up waits for etcd before giving up.")
  Duration connectTimeout;

  /** picocli's side of {@link StorageBackend#parse}: its message becomes the flag's error line. */
  static final class StorageBackendFlag implements CommandLine.ITypeConverter<StorageBackend> {
    @Override
    public StorageBackend convert(String value) {
      try {
        return StorageBackend.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    String advertise;
    try {
      advertise = AdvertiseAddress.choose(advertiseAddress, host, interfaceAddresses());
    } catch (IllegalArgumentException e) {
      System.err.println("Error: " + e.getMessage());
      return 2;
    }
    ServiceProcess process = ServiceProcess.start("apiserver");
    String[] range = nodePortRange.split("-");
    StorageSettings storageSettings = new StorageSettings(
        storage == null ? new StorageBackend.Sqlite(data.resolve("state.db")) : storage, etcdPrefix,
        compactionInterval, connectTimeout);
    ApiServerConfig config = new ApiServerConfig(data, host, port, unixSocket, host, adminPort, serviceCidr,
        Integer.parseInt(range[0]), Integer.parseInt(range[1]), watchWindow, 10_000, restPort, advertise,
        storageSettings, allocatorRepairInterval);
    ApiServer api;
    try {
      api = new ApiServer(config, PrometheusRegistry.defaultRegistry);
    } catch (StorageUnavailableException e) {
      log.error("{}", e.getMessage());
      return 1;
    }
    ApiServer server = process.register("grpc server", api);
    process.register("admin", AdminServer.start(host, adminPort, server::healthy, server::healthy));
    log.info("apiserver serving gRPC on {}:{}{}, advertised as {}, data in {}", host, server.port(),
        unixSocket == null ? "" : " and unix:" + unixSocket, advertise, data.toAbsolutePath());
    if (server.restPort() > 0) {
      log.info("apiserver serving the Kubernetes API on https://{}:{} (kubectl: KUBECONFIG={})", host, server.restPort(),
          data.resolve("kubeconfig").toAbsolutePath());
    }
    process.awaitTermination();
    return 0;
  }

  /** This machine's addresses, interface by interface (the up ones), for {@link AdvertiseAddress#choose}. */
  private static List<InterfaceAddress> interfaceAddresses() throws SocketException {
    List<InterfaceAddress> all = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        all.add(new InterfaceAddress(a.getHostAddress().replaceAll("%.*$", ""), a.isLoopbackAddress(),
            a.isLinkLocalAddress(), a instanceof Inet4Address));
      }
    }
    return all;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ApiServerMain()).execute(args));
  }
}
