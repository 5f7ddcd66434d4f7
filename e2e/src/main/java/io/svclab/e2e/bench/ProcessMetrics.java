package io.svclab.e2e.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/** What a benchmark reads off a component it started: its Prometheus figures, and its heap after full GCs. */
final class ProcessMetrics {
  private ProcessMetrics() {}

  static final String HEAP_USED = "jvm_memory_used_bytes{area=\"heap\"}";

  /** One sample's value from {@code /metrics}: {@code name} as written, with or without labels; NaN if absent. */
  static double scrape(String metricsUrl, String name) throws Exception {
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith(name + (name.endsWith("}") ? " " : "{")) || l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
  }

  /**
   * The heap in use after a full GC, the least of three samples (each: {@code jcmd GC.run}, then
   * the process's own heap figure): what is live, not what the collector has not reached yet.
   */
  static double heapAfterFullGc(long pid, String metricsUrl) throws Exception {
    double least = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + pid + " GC.run failed");
      }
      double heap = scrape(metricsUrl, HEAP_USED);
      if (Double.isNaN(heap)) {
        throw new IllegalStateException("no heap figure at " + metricsUrl);
      }
      least = Math.min(least, heap);
    }
    return least;
  }
}
