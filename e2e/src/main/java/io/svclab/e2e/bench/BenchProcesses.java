package io.svclab.e2e.bench;

import io.svclab.cli.launch.LabClassPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starting the processes a benchmark measures: svclab components from the built classpath, and anchors. */
final class BenchProcesses {
  /**
   * How long a process may take to become ready. Generous on purpose: the machine is shared and
   * a JVM start under load takes many times its quiet figure; readiness is what is waited for,
   * this is only the ceiling that turns a hang into an error.
   */
  static final Duration START_CEILING = Duration.ofMinutes(3);

  private BenchProcesses() {}

  static Path root() {
    return Path.of(System.getProperty("svclab.root", ".")).toAbsolutePath().normalize();
  }

  static String svclabClasspath() throws IOException {
    Path target = root().resolve("cli/target");
    try (Stream<Path> jars = Files.list(target)) {
      Path cli = jars.filter(p -> p.getFileName().toString().matches("svclab-cli-.*\\.jar")).findFirst().orElseThrow();
      return LabClassPath.withApiserverJars(cli + ":" + target.resolve("lib") + "/*", root());
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * {@code SVCLAB_BENCH_JFR=DIR}: every benchmarked JVM records itself with JFR's {@code profile}
   * settings into {@code DIR/<component>.jfr}, written when it exits (read with
   * {@code jfr print --events jdk.ExecutionSample}); unset, nothing is recorded.
   */
  static final String JFR_DIR = "SVCLAB_BENCH_JFR";

  static Process java(String component, String mainClass, List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx1g", "-Dsvclab.component=" + component));
    String jfr = System.getenv(JFR_DIR);
    if (jfr != null && !jfr.isBlank()) {
      Files.createDirectories(Path.of(jfr));  // JFR does not make it, and the JVM would exit with 1
      cmd.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
          + Path.of(jfr).toAbsolutePath().resolve(component + ".jfr"));
    }
    cmd.addAll(List.of("-cp", svclabClasspath(), mainClass));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Starts an apiserver on {@code port} with a data dir and a free admin port, the REST front
   * door off (these benchmarks speak gRPC only), and waits until its admin {@code /readyz} answers.
   */
  static Process apiserver(Path dir, int port, List<String> extraArgs, Path log) throws IOException, InterruptedException {
    return apiserver(dir, port, -1, extraArgs, log);
  }

  /**
   * Starts an apiserver as above with its REST front door on {@code restPort} (0: any free port,
   * -1: off); with the front door on, also waits for {@code <dir>/kubeconfig}, which it writes
   * once the HTTPS port listens and which says where that is.
   */
  static Process apiserver(Path dir, int port, int restPort, List<String> extraArgs, Path log)
      throws IOException, InterruptedException {
    int admin = freePort();
    List<String> args = new ArrayList<>(List.of("--data", dir.toString(), "--port", Integer.toString(port),
        "--admin-port", Integer.toString(admin), "--rest-port", Integer.toString(restPort)));
    args.addAll(extraArgs);
    Process p = java("apiserver", "io.svclab.apiserver.ApiServerMain", args, log);
    awaitOk(p, "http://127.0.0.1:" + admin + "/readyz");
    if (restPort >= 0) {
      awaitFile(p, dir.resolve("kubeconfig"));
    }
    return p;
  }

  private static void awaitFile(Process p, Path file) throws InterruptedException {
    long deadline = System.nanoTime() + START_CEILING.toNanos();
    while (!Files.exists(file)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        stop(p);
        throw new IllegalStateException(file + " not written within " + START_CEILING.toSeconds() + " s");
      }
      Thread.sleep(50);
    }
  }

  static void awaitPort(int port, Process p, String what) throws InterruptedException {
    awaitPort("127.0.0.1", port, p, what);
  }

  static void awaitPort(String host, int port, Process p, String what) throws InterruptedException {
    long deadline = System.nanoTime() + START_CEILING.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(what + " exited with " + p.exitValue());
      }
      try (Socket s = new Socket(host, port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(what + " did not listen on " + host + ":" + port + " within " + START_CEILING.toSeconds() + " s");
  }

  /**
   * Waits until {@code url} answers 200 (a component's /readyz or /healthz), failing fast when
   * the process exits; on the ceiling the process is stopped and the wait fails.
   */
  static Process awaitOk(Process p, String url) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    long deadline = System.nanoTime() + START_CEILING.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(url + ": process exited with " + p.exitValue());
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return p;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    stop(p);
    throw new IllegalStateException(url + " not ready within " + START_CEILING.toSeconds() + " s");
  }

  /** Installs a Debian package the benchmark needs, if its command is missing. */
  static void ensureCommand(String command, String debianPackage) throws IOException, InterruptedException {
    if (new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0) {
      return;
    }
    System.out.println("installing " + debianPackage + " (apt-get) for the anchor...");
    int rc = new ProcessBuilder("sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + debianPackage
        + " >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
        + debianPackage + ")").inheritIO().start().waitFor();
    if (rc != 0) {
      throw new IllegalStateException("could not install " + debianPackage + "; install it and run again");
    }
  }

  static void stop(Process p) throws InterruptedException {
    if (p != null && p.isAlive()) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** utime + stime of a process in clock ticks (100/s), from /proc; 0 when it is gone. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
