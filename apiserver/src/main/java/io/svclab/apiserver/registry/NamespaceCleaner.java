package io.svclab.apiserver.registry;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Namespace;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' namespace controller, inside the apiserver: once a namespace is terminating,
 * delete everything in it, wait until it is all gone (finalizers and pod grace honoured by
 * the normal delete path), then remove the namespace itself.
 */
public final class NamespaceCleaner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NamespaceCleaner.class);
  private final Registry registry;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "namespace-cleaner");
    t.setDaemon(true);
    return t;
  });

  public NamespaceCleaner(Registry registry) {
    this.registry = registry;
    registry.onNamespaceTerminating(this::clean);
  }

  /** Resumes the cleanup of namespaces that were terminating when the apiserver stopped. */
  public void resumePending() {
    for (Namespace ns : registry.list(ResourceKinds.NAMESPACES, new ListOptions("", "", "", 0, "")).items()) {
      if (ns.getMetadata().hasDeletionTimestamp()) {
        clean(ns.getMetadata().getName());
      }
    }
  }

  public void clean(String namespace) {
    executor.execute(() -> pass(namespace, 0));
  }

  private void pass(String namespace, int attempt) {
    int remaining = 0;
    for (ResourceKind<?> kind : ResourceKinds.ALL) {
      if (kind.namespaced()) {
        remaining += deleteAll(kind, namespace);
      }
    }
    if (remaining == 0) {
      registry.finalizeNamespace(namespace);
      return;
    }
    // objects held by finalizers or a pod's grace period: look again shortly
    executor.schedule(() -> pass(namespace, attempt + 1), Math.min(2000, 100L * (attempt + 1)), TimeUnit.MILLISECONDS);
  }

  private <T extends Message> int deleteAll(ResourceKind<T> kind, String namespace) {
    var items = registry.list(kind, new ListOptions(namespace, "", "", 0, "")).items();
    for (T obj : items) {
      try {
        registry.delete(kind, DeleteRequest.newBuilder().setNamespace(namespace)
            .setName(kind.meta(obj).getName()).build());
      } catch (ApiException e) {
        if (!"NotFound".equals(e.reason())) {
          log.warn("namespace {}: deleting {} {}: {}", namespace, kind.kind(), kind.meta(obj).getName(), e.getMessage());
        }
      }
    }
    return items.size();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
