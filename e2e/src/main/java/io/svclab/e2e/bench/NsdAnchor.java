package io.svclab.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * NSD (Debian {@code nsd}) serving the benchmark's zone in the foreground ({@code nsd -d}) on its
 * own address: response rate limiting off ({@code rrl-ratelimit: 0}), no database, no
 * privilege drop, everything under {@code dir}.
 */
final class NsdAnchor implements AutoCloseable {
  private final Process process;

  private NsdAnchor(Process process) {
    this.process = process;
  }

  static NsdAnchor start(Path dir, BenchZone zone, String host, int port, int servers) throws Exception {
    BenchProcesses.ensureCommand("nsd", "nsd");
    Path zoneFile = dir.resolve(zone.zone() + ".zone");
    zone.writeZoneFile(zoneFile);
    Path conf = dir.resolve("nsd.conf");
    Files.writeString(conf, String.join("\n",
        "server:",
        "  ip-address: " + host + "@" + port,
        "  do-ip6: no",
        "  server-count: " + servers,
        "  reuseport: yes",
        "  username: \"\"",
        "  chroot: \"\"",
        "  zonesdir: \"" + dir + "\"",
        "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
        "  database: \"\"",
        "  zonelistfile: \"" + dir.resolve("zone.list") + "\"",
        "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"",
        "  xfrdir: \"" + dir + "\"",
        "  logfile: \"" + dir.resolve("nsd.log") + "\"",
        "  rrl-ratelimit: 0",
        "  verbosity: 1",
        "remote-control:",
        "  control-enable: no",
        "zone:",
        "  name: " + zone.zone(),
        "  zonefile: \"" + zoneFile + "\"",
        ""));
    Process p = new ProcessBuilder(List.of("nsd", "-d", "-c", conf.toString())).redirectErrorStream(true)
        .redirectOutput(dir.resolve("nsd.out").toFile()).start();
    NsdAnchor nsd = new NsdAnchor(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) { // the zone loaded: the apex SOA answers
      if (!p.isAlive()) {
        throw new IllegalStateException("nsd exited " + p.exitValue() + ": " + Files.readString(dir.resolve("nsd.out"))
            + (Files.exists(dir.resolve("nsd.log")) ? Files.readString(dir.resolve("nsd.log")) : ""));
      }
      if (DnsBenchmark.dig(host, port, zone.zone(), "SOA").contains("status: NOERROR")) {
        return nsd;
      }
      Thread.sleep(200);
    }
    nsd.close();
    throw new IllegalStateException("nsd did not answer within 60 s");
  }

  /** The NSD main process (its server processes are its children). */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException, IOException {
    BenchProcesses.stop(process);
  }
}
