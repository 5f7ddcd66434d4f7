package io.svclab.e2e.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * etcd (Debian's etcd-server) on 127.0.0.1 with its own data dir; objects are written as
 * kube-apiserver writes them: a transaction "create if the key does not exist".
 */
final class EtcdTarget implements StoreTarget {
  private final Process process;
  private final List<Client> clients = new ArrayList<>();
  private int next;

  EtcdTarget(Path dir) throws Exception {
    BenchProcesses.ensureCommand("etcd", "etcd-server");
    Files.createDirectories(dir);
    int client = BenchProcesses.freePort();
    int peer = BenchProcesses.freePort();
    process = new ProcessBuilder("etcd", "--name", "bench", "--data-dir", dir.resolve("etcd").toString(),
        "--listen-client-urls", "http://127.0.0.1:" + client, "--advertise-client-urls", "http://127.0.0.1:" + client,
        "--listen-peer-urls", "http://127.0.0.1:" + peer, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
        "--initial-cluster", "bench=http://127.0.0.1:" + peer, "--log-level", "error")
        .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
    BenchProcesses.awaitPort(client, process, "etcd");
    for (int i = 0; i < 4; i++) {
      clients.add(Client.builder().endpoints("http://127.0.0.1:" + client).build());
    }
  }

  @Override
  public String name() {
    return "etcd";
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  @Override
  public void create(String prefix, int i) throws Exception {
    ByteSequence key = bytes("/registry/services/default/" + prefix + i);
    ByteSequence value = ByteSequence.from(ServiceFixture.service(prefix + i).toByteArray());
    clients.get(i % clients.size()).getKVClient().txn()
        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(0)))
        .Then(Op.put(key, value, PutOption.DEFAULT))
        .commit().get();
  }

  @Override
  public AutoCloseable watch(IntConsumer onEvents) {
    Client c;
    synchronized (this) {
      c = clients.get(next++ % clients.size());
    }
    Watch.Watcher w = c.getWatchClient().watch(bytes("/registry/services/"),
        WatchOption.builder().isPrefix(true).build(), response -> onEvents.accept(response.getEvents().size()));
    return w::close;
  }

  @Override
  public void close() throws Exception {
    clients.forEach(Client::close);
    BenchProcesses.stop(process);
  }
}
