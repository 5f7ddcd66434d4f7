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

  private WorkloadControllerProcess(Process process) {
    this.process = process;
  }

  public static WorkloadControllerProcess start(Path dir, String apiTarget, String... extraArgs) throws IOException {
    List<String> args = new ArrayList<>(List.of("--api", apiTarget, "--admin-port", Integer.toString(Lab.freePort()),
        "--leader-elect=false"));
    args.addAll(List.of(extraArgs));
    List<String> cmd = new ArrayList<>(Lab.javaCommand("workload-controller", "io.svclab.workload.WorkloadControllerMain", args));
    int cp = cmd.indexOf("-cp") + 1;
    cmd.set(cp, cmd.get(cp) + ":" + Lab.root().resolve("workload-controller/target/classes"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("workload-controller-test.log").toFile())).start();
    return new WorkloadControllerProcess(p);
  }

  public boolean alive() { return process.isAlive(); }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
