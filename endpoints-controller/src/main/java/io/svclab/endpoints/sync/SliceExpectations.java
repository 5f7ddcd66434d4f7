package io.svclab.endpoints.sync;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.client.informer.ObjectEvent;
import io.svclab.client.informer.ResourceVersions;
import io.svclab.endpoints.WellKnownKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slice writes the informer has not echoed back yet (Kubernetes' EndpointSliceTracker).
 * A sync that ran before its own earlier creates showed up in the cache would create them
 * again; so a Service with writes still in flight is not synced, and the echo of its own
 * write does not enqueue it again. The informer thread reports events, workers record writes
 * and ask; all methods are synchronized. Times are caller-supplied milliseconds.
 *
 * <p>An expectation older than {@code timeout} is dropped: a slice created and deleted by
 * someone else while the watch was down never shows up, and must not block its Service.
 */
public final class SliceExpectations {
  /** resourceVersion the cache must reach, or {@code gone} for a delete. */
  private record Expectation(String resourceVersion, boolean gone, long recordedAtMillis) {}

  private final Duration timeout;
  /** Service key -> slice name -> what its cache entry must become. */
  private final Map<String, Map<String, Expectation>> byService = new HashMap<>();

  public SliceExpectations(Duration timeout) {
    this.timeout = timeout;
  }

  /** We created or updated this slice; the cache must reach its version. */
  public synchronized void wrote(EndpointSlice written, long nowMillis) {
    serviceKey(written).ifPresent(key -> byService.computeIfAbsent(key, k -> new HashMap<>())
        .put(written.getMetadata().getName(),
            new Expectation(written.getMetadata().getResourceVersion(), false, nowMillis)));
  }

  /** We deleted this slice; the cache must lose it. */
  public synchronized void deleted(EndpointSlice slice, long nowMillis) {
    serviceKey(slice).ifPresent(key -> byService.computeIfAbsent(key, k -> new HashMap<>())
        .put(slice.getMetadata().getName(), new Expectation("", true, nowMillis)));
  }

  /**
   * A slice event reached the cache. Returns whether it is news to the controller: false
   * when it is exactly the echo of a write of ours, true for anything else.
   */
  public synchronized boolean observe(ObjectEvent<EndpointSlice> event) {
    EndpointSlice slice = event.object();
    Optional<String> key = serviceKey(slice);
    if (key.isEmpty()) return true;
    Map<String, Expectation> expected = byService.get(key.get());
    Expectation expectation = expected == null ? null : expected.get(slice.getMetadata().getName());
    if (expectation == null) return true;
    boolean echo;
    if (event.type() == ObjectEvent.Type.DELETE) {
      echo = expectation.gone();
      expected.remove(slice.getMetadata().getName());
    } else if (expectation.gone()) {
      echo = true; // an older version arriving before our delete does: keep waiting, nothing new
    } else {
      // Older than our write: a late event from before it, nothing new. Equal: our echo.
      // Newer: someone wrote after us, which the controller must see.
      int order = ResourceVersions.compare(slice.getMetadata().getResourceVersion(), expectation.resourceVersion());
      echo = order <= 0;
      if (order >= 0) expected.remove(slice.getMetadata().getName());
    }
    if (expected.isEmpty()) byService.remove(key.get());
    return !echo;
  }

  /**
   * Whether the Service's cached slices still lack a write of ours. Checked against the
   * cache itself, not only against events: the watch event of a create can arrive before
   * the create's response, i.e. before {@link #wrote} was called. Satisfied and expired
   * expectations are dropped.
   *
   * @param cached the Service's slices as the cache has them now
   */
  public synchronized boolean pending(String serviceKey, List<EndpointSlice> cached, long nowMillis) {
    Map<String, Expectation> expected = byService.get(serviceKey);
    if (expected == null) return false;
    Map<String, String> cachedVersions = new HashMap<>();
    cached.forEach(s -> cachedVersions.put(s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    expected.entrySet().removeIf(e -> nowMillis - e.getValue().recordedAtMillis() >= timeout.toMillis()
        || satisfied(e.getValue(), cachedVersions.get(e.getKey())));
    if (expected.isEmpty()) byService.remove(serviceKey);
    return !expected.isEmpty();
  }

  private static boolean satisfied(Expectation expectation, String cachedVersion) {
    if (expectation.gone()) return cachedVersion == null;
    return cachedVersion != null && !ResourceVersions.isNewer(expectation.resourceVersion(), cachedVersion);
  }

  /** {@code namespace/<kubernetes.io/service-name>}, the key of the Service a slice belongs to. */
  public static Optional<String> serviceKey(EndpointSlice slice) {
    String service = slice.getMetadata().getLabelsMap().get(WellKnownKeys.LABEL_SERVICE_NAME);
    if (service == null || service.isEmpty()) return Optional.empty();
    return Optional.of(slice.getMetadata().getNamespace() + "/" + service);
  }
}
