package io.svclab.e2e.bench;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** svclab's apiserver, a real process on a temporary data dir, its store SQLite there or an etcd of its own. */
final class SvclabTarget implements StoreTarget {
  private final String name;
  private final Process process;
  private final EtcdProcess etcd;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<ResourceClient<Service>> clients = new ArrayList<>();
  // watch streams get their own connections, so their flood never shares a connection with the writes
  private final List<ResourceClient<Service>> watchClients = new ArrayList<>();
  private int next;

  /** On SQLite in {@code dir}. */
  SvclabTarget(Path dir) throws Exception {
    this(dir, "svclab", null);
  }

  /** On an etcd started under {@code dir} ({@code --storage etcd:...}). */
  static SvclabTarget onEtcd(Path dir) throws Exception {
    return new SvclabTarget(dir, "svclab-etcd", new EtcdProcess(dir.resolve("etcd")));
  }

  private SvclabTarget(Path dir, String name, EtcdProcess etcd) throws Exception {
    this.name = name;
    this.etcd = etcd;
    Files.createDirectories(dir);
    int port = BenchProcesses.freePort();
    List<String> storage = etcd == null ? List.of() : List.of("--storage", "etcd:" + etcd.endpoint());
    try {
      process = BenchProcesses.apiserver(dir, port, storage, dir.resolve("apiserver.log"));
    } catch (Exception e) {
      if (etcd != null) {
        etcd.close();
      }
      throw e;
    }
    for (int i = 0; i < 4; i++) {
      ManagedChannel ch = ApiChannels.forTarget("127.0.0.1:" + port);
      channels.add(ch);
      clients.add(new ResourceClient<>(ch, ResourceKinds.SERVICES, 30_000));
      ManagedChannel w = ApiChannels.forTarget("127.0.0.1:" + port);
      channels.add(w);
      watchClients.add(new ResourceClient<>(w, ResourceKinds.SERVICES, 30_000));
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void create(String prefix, int i) {
    clients.get(i % clients.size()).create(ServiceFixture.service(prefix + i));
  }

  @Override
  public AutoCloseable watch(IntConsumer onEvents) {
    ResourceClient<Service> client;
    synchronized (this) {
      client = watchClients.get(next++ % watchClients.size());
    }
    return ServiceWatches.open(client, t -> t != EventType.BOOKMARK, onEvents);
  }

  @Override
  public void close() throws Exception {
    channels.forEach(ManagedChannel::shutdownNow);
    BenchProcesses.stop(process);
    if (etcd != null) {
      etcd.close();
    }
  }
}
