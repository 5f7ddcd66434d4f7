package io.svclab.node.network;

import io.svclab.client.process.BoundedRun;
import io.svclab.net.netns.NamespaceThreads;
import io.svclab.net.netns.NetnsStep;
import io.svclab.net.netns.NetnsSteps;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --pod-network netns}: each pod a network namespace ({@link PodNetworkPlan}) made with the
 * real {@code ip} the first time one of its containers starts and deleted when the pod is gone.
 * One thread does all of it, so a namespace's removal is always done before the same IP's next
 * pod is wired. The pods' servers are opened on threads inside their namespaces
 * ({@link NamespaceThreads}): no process per pod.
 */
public final class NamespacePodNetwork implements PodNetwork, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NamespacePodNetwork.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final String prefix;
  private final String bridge;
  private final int podCidrLength;
  private final String gateway;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "pod-network");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, CompletableFuture<Void>> wired = new ConcurrentHashMap<>();

  /**
   * @param prefix pod namespaces are {@code PREFIX-10-244-1-5}
   * @param bridge the node's pod bridge ({@code cni0}), with {@code gateway} on it
   */
  public NamespacePodNetwork(String prefix, String bridge, int podCidrLength, String gateway) {
    this.prefix = prefix;
    this.bridge = bridge;
    this.podCidrLength = podCidrLength;
    this.gateway = gateway;
  }

  /** Why the node cannot wire pods (no {@code ip}, or the bridge is missing), in one line; empty when it can. */
  public Optional<String> unusable() {
    return BoundedRun.failure(List.of("ip", "link", "show", bridge), COMMAND_TIMEOUT)
        .map(why -> "--pod-network netns needs the bridge " + bridge + " in this network namespace: " + why);
  }

  public String namespace(String podIp) {
    return PodNetworkPlan.namespace(prefix, podIp);
  }

  @Override
  public void ready(String podIp) throws Exception {
    CompletableFuture<Void> f = wired.computeIfAbsent(podIp, ip -> CompletableFuture.runAsync(() -> wire(ip), worker));
    try {
      f.get();
    } catch (ExecutionException e) {
      wired.remove(podIp, f);  // the next container start tries again
      throw e.getCause() instanceof Exception x ? x : e;
    }
  }

  private void wire(String podIp) {
    String ns = namespace(podIp);
    // one left by an agent that was killed, or by a pod of this IP before a restart: start clean
    run(PodNetworkPlan.detach(ns));
    Optional<String> failed = NetnsSteps.apply(PodNetworkPlan.attach(ns, bridge, podIp, podCidrLength, gateway), this::runOne);
    if (failed.isPresent()) {
      run(PodNetworkPlan.detach(ns));
      throw new IllegalStateException("failed to set up the pod network " + ns + ": " + failed.get());
    }
    log.info("pod network {}: {}/{} on {} via {}", ns, podIp, podCidrLength, bridge, PodNetworkPlan.hostVeth(ns));
  }

  @Override
  public void release(String podIp) {
    if (wired.remove(podIp) != null) {
      worker.execute(() -> run(PodNetworkPlan.detach(namespace(podIp))));
    }
  }

  @Override
  public Optional<Path> namespaceFile(String podIp) {
    return Optional.of(NamespaceThreads.file(namespace(podIp)));
  }

  @Override
  public <T> T inPod(String podIp, Callable<T> work) throws Exception {
    return NamespaceThreads.call(namespace(podIp), work);
  }

  private void run(List<NetnsStep> steps) {
    steps.forEach(s -> runOne(s.argv()));
  }

  private Optional<String> runOne(List<String> argv) {
    return BoundedRun.failure(argv, COMMAND_TIMEOUT);
  }

  /** Removes every pod namespace this agent wired (the agent stops; its pods' servers are closed). */
  @Override
  public void close() {
    List<String> ips = List.copyOf(wired.keySet());
    ips.forEach(this::release);
    worker.shutdown();
    try {
      worker.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
