package io.svclab.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteStorageTest extends StorageContractTest {
  @Override
  Storage open(Path dir, int window) {
    return new SqliteStorage(dir.resolve("state.db"), window, null);
  }

  @Test
  void historySurvivesReopen() throws Exception {
    long r1 = put(Write.create("/k", v("a"))).revision();
    long r2 = put(Write.update("/k", r1, v("b"))).revision();
    store.close();
    store = open(dir, 100);
    assertThat(store.revision()).isEqualTo(r2);
    assertThat(store.history(r1)).extracting(StorageEvent::revision).containsExactly(r2);
  }
}
