package io.svclab.net.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a test creates and removes (root): its own interfaces, routes and
 * netfilter tables, so rules or a kernel proxy programmed there touch nothing in the namespace
 * the test runs in (node-proxy's kernel tests, e2e's KernelProxyTest; shared as net's test-jar). Commands run with {@code ip netns exec}, each bounded in time; processes started
 * in it are stopped by {@link #close}, which then deletes the namespace.
 */
public final class NetNamespace implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  public record Result(int exitCode, String stdout, String stderr) {
    public String describe(List<String> command) {
      return String.join(" ", command) + " exited " + exitCode + "\nstderr: " + stderr.strip() + "\nstdout: "
          + stdout.strip();
    }

    public boolean ok() {
      return exitCode == 0;
    }
  }

  public final String name;
  private final List<Process> processes = new ArrayList<>();

  private NetNamespace(String name) {
    this.name = name;
  }

  /** A fresh namespace with its loopback up. */
  public static NetNamespace create(String prefix) throws IOException, InterruptedException {
    String name = prefix + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    Result r = run(List.of("ip", "netns", "add", name), null);
    if (!r.ok()) {
      throw new IllegalStateException("cannot create a network namespace (this test needs root): " + r.stderr().strip());
    }
    NetNamespace ns = new NetNamespace(name);
    ns.execOrFail(null, "ip", "link", "set", "lo", "up");
    return ns;
  }

  /** Runs {@code command} in the namespace, {@code stdin} (may be null) on its standard input. */
  public Result exec(String stdin, String... command) throws IOException, InterruptedException {
    return run(prefixed(List.of(command)), stdin);
  }

  /** As {@link #exec}; fails with the command's own stderr when it does not succeed. */
  public String execOrFail(String stdin, String... command) throws IOException, InterruptedException {
    Result r = exec(stdin, command);
    if (!r.ok()) {
      throw new AssertionError(String.join(" ", command) + " in " + name + " exited " + r.exitCode() + ": "
          + r.stderr().strip());
    }
    return r.stdout();
  }

  /** {@code ip netns exec NAME command...}: for starting long-running processes in the namespace. */
  public List<String> prefixed(List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(command);
    return full;
  }

  /** Starts a long-running process in the namespace (output to {@code log}); stopped by {@link #close}. */
  public Process start(java.nio.file.Path log, String... command) throws IOException {
    Process p = new ProcessBuilder(prefixed(List.of(command))).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    processes.add(p);
    return p;
  }

  private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
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

  /** Stops what {@link #start} started, then deletes the namespace (its interfaces and rules go with it). */
  @Override
  public void close() throws IOException, InterruptedException {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
      }
    }
    Result r = run(List.of("ip", "netns", "del", name), null);
    if (!r.ok()) throw new IllegalStateException("cannot remove namespace " + name + ": " + r.stderr().strip());
  }
}
