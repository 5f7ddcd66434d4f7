package io.svclab.apiserver.allocation;

import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.etcd.EtcdServer;
import java.nio.file.Path;
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
    return etcd.open("/registry-" + dir.getFileName(), 5000);
  }
}
