package io.svclab.node.pods;

import io.svclab.api.v1.Service;
import io.svclab.node.images.ImageCatalog;
import io.svclab.node.images.WorkloadLauncher;
import io.svclab.node.network.PodNetwork;
import io.svclab.node.probes.Prober;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** What every pod worker shares: the node, the images, the writers, the blocking-work executor. */
public record PodRuntime(String nodeName, String nodeIp, Path dataDir, ImageCatalog images, WorkloadLauncher launcher,
    Prober prober, PodApi api, Supplier<List<Service>> services, Supplier<String> clusterDns, Executor blocking,
    Clock clock, PodMetrics metrics, PodNetwork network) {}
