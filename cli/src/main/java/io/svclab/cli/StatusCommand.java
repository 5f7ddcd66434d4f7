package io.svclab.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab status}: every process of the running lab, its pid, ports, health and uptime. */
@Command(name = "status", description = "Show every process of the running lab and its health.")
public final class StatusCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Data directory of the lab.")
  Path data;

  @Override
  public Integer call() throws Exception {
    Path dataDir = LabPaths.dataDir(data);
    Path table = dataDir.resolve("processes.tsv");
    if (!Files.exists(table) || io.svclab.cli.launch.Preflight.runningLab(dataDir).isEmpty()) {
      System.err.println("no lab is running on " + dataDir + "; start one with ./lab up");
      return 1;
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    List<String> lines = Files.readAllLines(table);
    System.out.printf("%-20s %-8s %-9s %-8s %s%n", "COMPONENT", "PID", "HEALTH", "UPTIME", "LISTENS");
    int unhealthy = 0;
    for (String line : lines) {
      String[] f = line.split("\t");
      long pid = Long.parseLong(f[1]);
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      String health = alive ? probe(http, f[2]) : "down";
      if (!"healthy".equals(health)) {
        unhealthy++;
      }
      long up = (System.currentTimeMillis() - Long.parseLong(f[4])) / 1000;
      System.out.printf("%-20s %-8d %-9s %-8s %s%n", f[0], pid, health, up / 60 + "m" + up % 60 + "s", f[3]);
    }
    return unhealthy == 0 ? 0 : 2;
  }

  private static String probe(HttpClient http, String url) {
    try {
      int code = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return code == 200 ? "healthy" : "HTTP " + code;
    } catch (Exception e) {
      return "no answer";
    }
  }
}
