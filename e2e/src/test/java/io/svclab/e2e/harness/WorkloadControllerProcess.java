package io.svclab.e2e.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real workload-controller JVM against a test apiserver. The cli's classpath does not
 * carry the module yet, so its compiled classes are appended to the lab command's.
 */
public final class WorkloadControllerProcess implements AutoCloseable {
  private final Process process;
  private final int adminPort;

  private WorkloadControllerProcess(Process process, int adminPort) {
    this.process = process;
    this.adminPort = adminPort;
  }

  /** Runs at once, without a Lease ({@code --leader-elect=false}). */
  public static WorkloadControllerProcess start(Path dir, String apiTarget, String... extraArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("--leader-elect=false"));
    args.addAll(List.of(extraArgs));
    return launch(dir, apiTarget, args);
  }

  /** A candidate in leader election: it runs only while it holds the workload-controller's Lease. */
  public static WorkloadControllerProcess candidate(Path dir, String apiTarget, String identity) throws IOException {
    return launch(dir, apiTarget, List.of("--identity", identity));
  }

  private static WorkloadControllerProcess launch(Path dir, String apiTarget, List<String> extraArgs) throws IOException {
    int adminPort = Lab.freePort();
    List<String> args = new ArrayList<>(List.of("--api", apiTarget, "--admin-port", Integer.toString(adminPort)));
    args.addAll(extraArgs);
    List<String> cmd = new ArrayList<>(Lab.javaCommand("workload-controller", "io.svclab.workload.WorkloadControllerMain", args));
    int cp = cmd.indexOf("-cp") + 1;
    cmd.set(cp, cmd.get(cp) + ":" + Lab.root().resolve("workload-controller/target/classes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("workload-controller-test.log").toFile())).start();
    return new WorkloadControllerProcess(p, adminPort);
  }

  public boolean alive() { return process.isAlive(); }

  /** Its admin endpoint: {@code /healthz}, {@code /metrics}. */
  public String adminUrl() { return "http://127.0.0.1:" + adminPort; }

  /** kill -9, as a crash. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
