package io.svclab.apiserver;

import io.svclab.apiserver.store.StorageSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the apiserver is started with.
 *
 * @param unixSocket also serve gRPC on this Unix domain socket (null = not), for node
 *     components in network namespaces
 * @param restPort the Kubernetes-compatible HTTPS API for kubectl (0 = any free port, -1 = off)
 * @param advertiseAddress published as {@code default/kubernetes}'s endpoint (never 0.0.0.0; see
 *     {@link io.svclab.apiserver.bootstrap.AdvertiseAddress})
 * @param storage SQLite (default {@code <data>/state.db}) or etcd, with the etcd settings
 * @param allocatorRepairInterval how often the ClusterIP and NodePort ranges are rebuilt from
 *     the stored Services (also once at start)
 */
public record ApiServerConfig(
    Path dataDir,
    String host,
    int port,
    Path unixSocket,
    String adminHost,
    int adminPort,
    String serviceCidr,
    int nodePortFirst,
    int nodePortLast,
    int watchWindow,
    long bookmarkIntervalMillis,
    int restPort,
    String advertiseAddress,
    StorageSettings storage,
    Duration allocatorRepairInterval) {

  public static ApiServerConfig defaults(Path dataDir) {
    return new ApiServerConfig(dataDir, "127.0.0.1", 6443, null, "127.0.0.1", 6080, "127.96.0.0/16",
        30000, 32767, 20_000, 10_000, 6444, "127.0.0.1", StorageSettings.sqlite(dataDir.resolve("state.db")),
        Duration.ofMinutes(3));
  }

  public ApiServerConfig withPorts(int port, int adminPort) {
    return new ApiServerConfig(dataDir, host, port, unixSocket, adminHost, adminPort, serviceCidr, nodePortFirst,
        nodePortLast, watchWindow, bookmarkIntervalMillis, restPort, advertiseAddress, storage,
        allocatorRepairInterval);
  }
}
