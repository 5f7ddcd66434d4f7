package io.svclab.apiserver;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.apiserver.allocation.AllocatorRepair;
import io.svclab.apiserver.allocation.ClusterIpAllocator;
import io.svclab.apiserver.allocation.NodePortAllocator;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.apiserver.allocation.StoredRange;
import io.svclab.apiserver.bootstrap.Bootstrap;
import io.svclab.apiserver.bootstrap.EndpointReconciler;
import io.svclab.apiserver.grpc.RequestMetrics;
import io.svclab.apiserver.grpc.ResourceServiceBinding;
import io.svclab.apiserver.registry.Keys;
import io.svclab.apiserver.registry.ListOptions;
import io.svclab.apiserver.registry.NamespaceCleaner;
import io.svclab.apiserver.registry.Registry;
import io.svclab.apiserver.rest.Kubeconfig;
import io.svclab.apiserver.rest.RestApi;
import io.svclab.apiserver.rest.RestServer;
import io.svclab.apiserver.rest.ServingMaterial;
import io.svclab.apiserver.store.SqliteStorage;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.StoreMetrics;
import io.svclab.apiserver.store.Compactor;
import io.svclab.apiserver.store.StorageBackend;
import io.svclab.apiserver.store.StorageSettings;
import io.svclab.apiserver.store.etcd.EtcdKeys;
import io.svclab.apiserver.store.etcd.EtcdStorage;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.GoDuration;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The apiserver assembled: store -> watch cache -> registry -> gRPC, plus bootstrap and repair. */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  private final Storage storage;
  private final Compactor compactor;
  private final WatchCache watchCache;
  private final Registry registry;
  private final AllocatorRepair repair;
  private final NamespaceCleaner cleaner;
  private final EndpointReconciler endpoints;
  private final HealthStatusManager health = new HealthStatusManager();
  private final List<Server> servers = new ArrayList<>();
  private final List<EpollEventLoopGroup> unixGroups = new ArrayList<>();
  private final int port;
  private final RestServer rest;

  public ApiServer(ApiServerConfig config, PrometheusRegistry metrics) throws IOException {
    // The HTTPS front door's serving material (BouncyCastle, from signed jars the JDK verifies on
    // first use) is loaded, or made once per data dir, while the store opens: it was the last thing
    // the apiserver did before it said it was healthy, after everything else (issue 20).
    CompletableFuture<ServingMaterial> material = config.restPort() < 0 ? null
        : CompletableFuture.supplyAsync(() -> loadMaterial(config), startHelper());
    storage = openStorage(config, metrics);
    compactor = storage instanceof EtcdStorage && !config.storage().compactionInterval().isZero()
        ? new Compactor(storage, config.storage().compactionInterval()) : null;
    watchCache = new WatchCache(storage, config.watchWindow(), Keys::kindOf, config.bookmarkIntervalMillis());
    // the ranges' taken sets live in the store, so apiservers sharing it never hand out one value twice
    ClusterIpAllocator ips = new ClusterIpAllocator(config.serviceCidr(), new SecureRandom(),
        size -> new StoredRange(storage, Keys.SERVICE_IPS_RANGE, config.serviceCidr(), size));
    String portRange = config.nodePortFirst() + "-" + config.nodePortLast();
    NodePortAllocator ports = new NodePortAllocator(config.nodePortFirst(), config.nodePortLast(), new SecureRandom(),
        size -> new StoredRange(storage, Keys.SERVICE_NODE_PORTS_RANGE, portRange, size));
    ServiceAllocator allocator = new ServiceAllocator(ips, ports);
    registry = new Registry(storage, watchCache, allocator, Clock.systemUTC());
    // the front door binds and builds its handlers beside the repair, the bootstrap and gRPC's start; its
    // kubeconfig is written last, so a kubeconfig on disk still means the whole apiserver is up
    CompletableFuture<RestServer> restStart = material == null ? null
        : material.thenApplyAsync(m -> startRest(config, m), startHelper());
    repair = new AllocatorRepair(
        () -> registry.list(ResourceKinds.SERVICES, new ListOptions("", "", "", 0, "")).items(), ips, ports);
    repair.runOnce();
    log.info("allocator repair: {} cluster IPs and {} node ports taken; again every {}", ips.used(), ports.used(),
        GoDuration.format(config.allocatorRepairInterval()));
    repair.start(config.allocatorRepairInterval());
    String base = config.serviceCidr().split("/")[0];
    String[] o = base.split("\\.");
    String prefix = o[0] + "." + o[1] + "." + o[2] + ".";
    endpoints = Bootstrap.ensure(registry, prefix + (Integer.parseInt(o[3]) + 1), prefix + (Integer.parseInt(o[3]) + 10),
        config.advertiseAddress(), config.port()).start();
    cleaner = new NamespaceCleaner(registry);
    cleaner.resumePending();

    RequestMetrics requestMetrics = new RequestMetrics(metrics);
    GaugeWithCallback.builder().name("apiserver_registered_watchers").help("Open watch streams")
        .callback(cb -> cb.call(watchCache.watcherCount())).register(metrics);
    NettyServerBuilder tcp = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()));
    servers.add(build(tcp, requestMetrics));
    if (config.unixSocket() != null) {
      Files.deleteIfExists(config.unixSocket());
      EpollEventLoopGroup group = new EpollEventLoopGroup(1);
      unixGroups.add(group);
      NettyServerBuilder unix = NettyServerBuilder.forAddress(new DomainSocketAddress(config.unixSocket().toString()))
          .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group);
      servers.add(build(unix, requestMetrics));
    }
    for (Server s : servers) {
      s.start();
    }
    port = servers.get(0).getPort();
    log.info("apiserver: gRPC serving on {}:{}", config.host(), port);
    rest = restStart == null ? null : joinStart(restStart);
    if (rest != null) {
      writeKubeconfig(config, material.join(), rest);
    }
    health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
  }

  /**
   * The configured store. etcd is reached through one channel over every listed member (the
   * client's failover channel): when the member in use dies, calls fail UNAVAILABLE, the store's
   * watch restarts and the channel connects to the next live one.
   *
   * @throws io.svclab.apiserver.store.StorageUnavailableException when etcd does not answer in time
   */
  private static Storage openStorage(ApiServerConfig config, PrometheusRegistry metrics) {
    StorageSettings settings = config.storage();
    if (settings.backend() instanceof StorageBackend.Etcd etcd) {
      String targets = etcd.endpoints().stream().map(StorageBackend.EtcdEndpoint::target)
          .collect(java.util.stream.Collectors.joining(","));
      return new EtcdStorage(ApiChannels.forTarget(targets), etcd.urls(),
          new EtcdKeys(settings.etcdPrefix()), config.watchWindow(), settings.connectTimeout(), new StoreMetrics(metrics));
    }
    StorageBackend.Sqlite sqlite = (StorageBackend.Sqlite) settings.backend();
    return new SqliteStorage(sqlite.file(), config.watchWindow(), new StoreMetrics(metrics));
  }

  /** One daemon thread for a piece of the start that runs beside the main one. */
  private static java.util.concurrent.Executor startHelper() {
    return task -> {
      Thread t = new Thread(task, "apiserver-start");
      t.setDaemon(true);
      t.start();
    };
  }

  private static ServingMaterial loadMaterial(ApiServerConfig config) {
    try {
      return ServingMaterial.loadOrCreate(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kubectl front door over the same registry. */
  private RestServer startRest(ApiServerConfig config, ServingMaterial material) {
    String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    try {
      return new RestServer(config.host(), config.restPort(), material,
          new RestApi(registry, Clock.systemUTC(), host + ":" + config.restPort(), this::healthy));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while binding the REST port", e));
    }
  }

  /** The front door started beside the rest of the start, or what stopped it, as the constructor's own failure. */
  private static RestServer joinStart(CompletableFuture<RestServer> start) throws IOException {
    try {
      return start.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  /** The kubeconfig that reaches the front door. */
  private static void writeKubeconfig(ApiServerConfig config, ServingMaterial material, RestServer server)
      throws IOException {
    String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    // written whole and then moved, so kubectl never reads half a file
    java.nio.file.Path tmp = config.dataDir().resolve("kubeconfig.tmp");
    Files.writeString(tmp, Kubeconfig.render("https://" + host + ":" + server.port(), material.caCertPem(),
        material.token()));
    Files.move(tmp, config.dataDir().resolve("kubeconfig"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The HTTPS (kubectl) port, or -1 when off. */
  public int restPort() { return rest == null ? -1 : rest.port(); }

  private Server build(NettyServerBuilder builder, RequestMetrics requestMetrics) {
    ServerBuilder<?> b = ApiChannels.permitClientKeepAlive(builder).maxInboundMessageSize(ApiChannels.MAX_MESSAGE_BYTES);
    for (ResourceKind<?> kind : ResourceKinds.ALL) {
      b.addService(binding(kind, requestMetrics));
      health.setStatus(kind.grpcServiceName(), io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    }
    b.addService(ProtoReflectionServiceV1.newInstance());
    @SuppressWarnings("deprecation")
    io.grpc.BindableService v1alpha = ProtoReflectionService.newInstance();
    b.addService(v1alpha);
    b.addService(health.getHealthService());
    return b.build();
  }

  private <T extends com.google.protobuf.Message> io.grpc.ServerServiceDefinition binding(ResourceKind<T> kind,
      RequestMetrics metrics) {
    return new ResourceServiceBinding<>(kind, registry, metrics).definition();
  }

  public int port() { return port; }

  public Registry registry() { return registry; }

  public boolean healthy() {
    return !servers.isEmpty() && !servers.get(0).isShutdown();
  }

  @Override
  public void close() {
    health.enterTerminalState();
    endpoints.close();  // first, while the store is there: clients stop being sent here
    if (rest != null) {
      rest.close();
    }
    for (Server s : servers) {
      s.shutdown();
    }
    for (Server s : servers) {
      try {
        if (!s.awaitTermination(500, TimeUnit.MILLISECONDS)) {
          s.shutdownNow();  // watches never end by themselves
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        s.shutdownNow();
      }
    }
    unixGroups.forEach(g -> g.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS));
    cleaner.close();
    repair.close();
    watchCache.close();
    if (compactor != null) {
      compactor.close();
    }
    storage.close();
  }
}
