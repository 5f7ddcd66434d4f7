package io.svclab.e2e.multi;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A running lab's processes as its {@code processes.tsv} records them, and their health and metrics endpoints. */
final class LabTable {
  record Proc(long pid, String healthUrl) {}

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path data;

  LabTable(Path data) {
    this.data = data;
  }

  Map<String, Proc> processes() throws IOException {
    Map<String, Proc> byName = new LinkedHashMap<>();
    for (String line : Files.readAllLines(data.resolve("processes.tsv"))) {
      String[] f = line.split("\t");
      byName.put(f[0], new Proc(Long.parseLong(f[1]), f[2]));
    }
    return byName;
  }

  long pid(String name) throws IOException {
    return processes().get(name).pid();
  }

  /** kill -9 of the named process; returns its pid. */
  long kill(String name) throws IOException {
    long pid = pid(name);
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    return pid;
  }

  boolean allHealthy() throws IOException, InterruptedException {
    for (Proc p : processes().values()) {
      if (!healthy(p.healthUrl())) {
        return false;
      }
    }
    return true;
  }

  static boolean healthy(String url) throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The sum of every series of a metric (labelled or not) on a Prometheus text page: 0 when the
   * page has none, -1 when the page does not answer (the process is gone).
   */
  static double sum(String metricsUrl, String name) throws InterruptedException {
    try {
      String page = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return page.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** One un-labelled gauge of a Prometheus text page, or -1 when the page or the line is missing. */
  static double gauge(String metricsUrl, String name) throws InterruptedException {
    try {
      String page = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      return page.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
          .findFirst().orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }
}
