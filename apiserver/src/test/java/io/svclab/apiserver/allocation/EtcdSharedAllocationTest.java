package io.svclab.apiserver.allocation;

import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.etcd.EtcdKeys;
import io.svclab.apiserver.store.etcd.EtcdServer;
import io.svclab.apiserver.store.etcd.EtcdStorage;
import io.svclab.client.admin.ApiChannels;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Two apiservers, each its own etcd client, on one real etcd; each test under a key prefix of its own. */
class EtcdSharedAllocationTest extends SharedAllocationTest {
  @TempDir static Path etcdDir;
  static EtcdServer etcd;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = new EtcdServer(etcdDir);
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    etcd.close();
  }

  @Override
  Storage storageFor(Path dir, int index) {
    return new EtcdStorage(ApiChannels.forTarget("127.0.0.1:" + etcd.clientPort()), etcd.endpoint(),
        new EtcdKeys("/registry-" + dir.getFileName()), 5000, Duration.ofSeconds(10), null);
  }
}
