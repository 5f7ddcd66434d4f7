package io.svclab.proxy.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test creates and removes itself (root): its own netfilter tables, so
 * rules applied there touch nothing else on the machine. Every command is bounded in time.
 */
public final class KernelNamespace implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    public String describe(List<String> command) {
      return String.join(" ", command) + " exited " + exitCode + "\nstderr: " + stderr.strip() + "\nstdout: "
          + stdout.strip();
    }
  }

  public final String name;

  private KernelNamespace(String name) {
    this.name = name;
  }

  /** @throws IllegalStateException with the kernel's or ip's words when the namespace cannot be made */
  public static KernelNamespace create(String prefix) throws IOException, InterruptedException {
    String name = prefix + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    List<String> add = List.of("ip", "netns", "add", name);
    Result r = run(null, add);
    if (!r.ok()) {
      throw new IllegalStateException("cannot create a network namespace (this test needs root and a kernel that "
          + "allows namespaces): " + r.describe(add));
    }
    return new KernelNamespace(name);
  }

  /** Runs {@code command} inside the namespace, {@code stdin} (may be null) on its standard input. */
  public Result exec(String stdin, String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return run(stdin, full);
  }

  /** As {@link #exec}, failing with the command's own words when it does not succeed. */
  public String execOrFail(String stdin, String... command) throws IOException, InterruptedException {
    Result r = exec(stdin, command);
    if (!r.ok()) throw new AssertionError("the kernel refused: " + r.describe(List.of(command)));
    return r.stdout();
  }

  static Result run(String stdin, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    try (var in = p.getOutputStream()) {
      if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  private static String read(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    List<String> del = List.of("ip", "netns", "del", name);
    Result r = run(null, del);
    if (!r.ok()) throw new IllegalStateException("cannot remove the test's namespace: " + r.describe(del));
  }
}
