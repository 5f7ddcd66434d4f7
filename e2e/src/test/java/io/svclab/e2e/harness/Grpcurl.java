package io.svclab.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ./lab grpcurl ...} as a real subprocess, as a person would in a shell. */
public final class Grpcurl {
  public record Result(int exitCode, String stdout, String stderr) {}

  private Grpcurl() {}

  public static Result run(String... args) throws IOException, InterruptedException {
    List<String> a = new ArrayList<>(List.of("grpcurl"));
    a.addAll(List.of(args));
    Process p = new ProcessBuilder(Lab.javaCommand("grpcurl", "io.svclab.cli.LabMain", a)).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("grpcurl did not finish in 30 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
