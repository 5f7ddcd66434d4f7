package io.svclab.apiserver.store;

import java.nio.file.Path;

class SqliteStorageTest extends StorageContractTest {
  @Override
  Storage open(Path dir, int window) {
    return new SqliteStorage(dir.resolve("state.db"), window, null);
  }
}
