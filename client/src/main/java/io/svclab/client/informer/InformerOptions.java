package io.svclab.client.informer;

import java.time.Duration;

/**
 * What an informer lists and watches, and how it pages and retries.
 *
 * @param namespace     "" for all namespaces
 * @param labelSelector "" for everything
 * @param fieldSelector "" for everything
 * @param pageSize      List page size ({@code limit}); 0 lists in one response
 */
public record InformerOptions(
    String namespace, String labelSelector, String fieldSelector, int pageSize,
    Duration initialBackoff, Duration maxBackoff) {

  public static InformerOptions all() {
    return new InformerOptions("", "", "", 500, Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  public InformerOptions inNamespace(String ns) {
    return new InformerOptions(ns, labelSelector, fieldSelector, pageSize, initialBackoff, maxBackoff);
  }

  public InformerOptions withLabelSelector(String selector) {
    return new InformerOptions(namespace, selector, fieldSelector, pageSize, initialBackoff, maxBackoff);
  }

  public InformerOptions withFieldSelector(String selector) {
    return new InformerOptions(namespace, labelSelector, selector, pageSize, initialBackoff, maxBackoff);
  }

  public InformerOptions withPageSize(int size) {
    return new InformerOptions(namespace, labelSelector, fieldSelector, size, initialBackoff, maxBackoff);
  }

  public InformerOptions withBackoff(Duration initial, Duration max) {
    return new InformerOptions(namespace, labelSelector, fieldSelector, pageSize, initial, max);
  }
}
