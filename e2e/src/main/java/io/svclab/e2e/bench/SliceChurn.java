package io.svclab.e2e.bench;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.client.resource.ResourceClient;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cluster changing under the DNS benchmark: a steady {@code perSecond} EndpointSlice
 * updates written through the API, one every 1/perSecond s, each flipping the readiness of one
 * endpoint of the next headless Service (so its A records really change: 5 -> 4 -> 5), at
 * most {@code maxUpdates} in all. One writer thread; a failed write is counted, not retried.
 */
final class SliceChurn implements AutoCloseable {
  private final ResourceClient<EndpointSlice> slices;
  private final List<EndpointSlice> latest; // index i: headless Service i's slice as last written
  private final int maxUpdates;
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "slice-churn");
    t.setDaemon(true);
    return t;
  });
  private long started;
  private long stopped;

  private SliceChurn(ResourceClient<EndpointSlice> slices, List<EndpointSlice> latest, int maxUpdates) {
    this.slices = slices;
    this.latest = latest;
    this.maxUpdates = maxUpdates;
  }

  static SliceChurn start(ResourceClient<EndpointSlice> slices, List<EndpointSlice> latest, int perSecond,
      int maxUpdates) {
    SliceChurn churn = new SliceChurn(slices, latest, maxUpdates);
    churn.started = System.nanoTime();
    churn.timer.scheduleAtFixedRate(churn::writeOne, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    return churn;
  }

  private void writeOne() {
    int k = written.get() + failed.get();
    if (k >= maxUpdates) {
      return;
    }
    int i = k % latest.size();
    EndpointSlice slice = latest.get(i);
    int e = (k / latest.size()) % slice.getEndpointsCount();
    Endpoint endpoint = slice.getEndpoints(e);
    boolean ready = endpoint.getConditions().getReady();
    EndpointSlice flipped = slice.toBuilder().setEndpoints(e, endpoint.toBuilder()
        .setConditions(endpoint.getConditions().toBuilder().setReady(!ready).setServing(!ready))).build();
    try {
      latest.set(i, slices.update(flipped));
      written.incrementAndGet();
    } catch (RuntimeException ex) {
      failed.incrementAndGet();
    }
  }

  int written() {
    return written.get();
  }

  int failed() {
    return failed.get();
  }

  /** Updates written per second from the start to the close (or now). */
  double rate() {
    long end = stopped != 0 ? stopped : System.nanoTime();
    return written.get() / ((end - started) / 1e9);
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdown();
    timer.awaitTermination(10, TimeUnit.SECONDS);
    stopped = System.nanoTime();
  }
}
