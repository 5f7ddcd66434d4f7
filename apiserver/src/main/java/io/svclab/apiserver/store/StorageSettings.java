package io.svclab.apiserver.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The apiserver's storage flags together: the backend, and for etcd the key prefix
 * ({@code --etcd-prefix}), how often history is compacted ({@code --etcd-compaction-interval},
 * 0 = never) and how long start-up waits for etcd ({@code --storage-connect-timeout}).
 */
public record StorageSettings(StorageBackend backend, String etcdPrefix, Duration compactionInterval,
    Duration connectTimeout) {
  public static final String DEFAULT_ETCD_PREFIX = "/registry";
  public static final Duration DEFAULT_COMPACTION_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

  public static StorageSettings sqlite(Path file) {
    return new StorageSettings(new StorageBackend.Sqlite(file), DEFAULT_ETCD_PREFIX, DEFAULT_COMPACTION_INTERVAL,
        DEFAULT_CONNECT_TIMEOUT);
  }
}
