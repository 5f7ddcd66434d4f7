package io.svclab.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.apiserver.store.etcd.EtcdKeys;
import io.svclab.apiserver.store.etcd.EtcdServer;
import io.svclab.apiserver.store.etcd.EtcdStorage;
import io.svclab.client.admin.ApiChannels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on a real etcd; each test keeps its keys under a prefix of its own. */
class EtcdStorageTest extends StorageContractTest {
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
  Storage open(Path dir, int window) {
    return etcd.open("/registry-" + dir.getFileName(), window);
  }

  @Test
  void reopenStartsHistoryAtTheCurrentRevisionAsKubernetesWatchCacheDoes() {
    long r1 = put(Write.create("/k", v("a"))).revision();
    put(Write.update("/k", r1, v("b")));
    store.close();
    store = open(dir, 100);
    assertThatThrownBy(() -> store.history(r1)).isInstanceOf(RevisionExpiredException.class);
  }

  @Test
  void aSecondStoreOnTheSamePrefixSeesTheFirstOnesWritesAndLosesTheRace() {
    try (Storage other = open(dir, 100)) {
      List<Long> seen = Collections.synchronizedList(new ArrayList<>());
      other.addListener(e -> seen.add(e.revision()));
      long r1 = put(Write.create("/k", v("a"))).revision();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(r1));
      assertThat(other.get("/k").orElseThrow().modRevision()).isEqualTo(r1);
      long r2 = put(Write.update("/k", r1, v("b"))).revision();
      WriteResult stale = other.write(Write.update("/k", r1, v("c"))).join();
      assertThat(stale.succeeded()).isFalse();
      assertThat(stale.current().modRevision()).isEqualTo(r2);
      assertThat(stale.current().value()).isEqualTo(v("b"));
    }
  }

  @Test
  void anUnreachableEtcdFailsTheOpenNamingTheEndpoint() {
    assertThatThrownBy(() -> new EtcdStorage(ApiChannels.forTarget("127.0.0.1:1"), "http://127.0.0.1:1",
        new EtcdKeys("/registry"), 100, Duration.ofSeconds(1), null))
        .isInstanceOf(StorageUnavailableException.class)
        .hasMessageStartingWith("cannot reach etcd at http://127.0.0.1:1 within 1s");
  }
}
