package io.svclab.apiserver.allocation;

import io.svclab.apiserver.store.SqliteStorage;
import io.svclab.apiserver.store.Storage;
import java.nio.file.Path;

/** Two apiservers over one SQLite store (one process holds the file, so both share its client). */
class SqliteSharedAllocationTest extends SharedAllocationTest {
  private Storage shared;

  @Override
  Storage storageFor(Path dir, int index) {
    if (shared == null) {
      shared = new SqliteStorage(dir.resolve("state.db"), 5000, null);
    }
    return shared;
  }
}
