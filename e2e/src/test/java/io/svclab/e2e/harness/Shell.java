package io.svclab.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a command line with bash in the repository root, as the README tells a person to. */
public final class Shell {
  public record Result(int exitCode, String stdout, String stderr) {}

  private Shell() {}

  public static Result run(String commandLine, long timeoutSeconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", commandLine).directory(Lab.root().toFile());
    pb.environment().put("SVCLAB_NO_BUILD", "1");  // the build under test is the one to use
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("`" + commandLine + "` did not finish in " + timeoutSeconds + " s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
