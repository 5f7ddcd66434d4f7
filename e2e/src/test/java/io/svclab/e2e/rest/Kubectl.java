package io.svclab.e2e.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The real kubectl binary with KUBECONFIG set to a lab's kubeconfig. */
final class Kubectl {
  record Result(int exitCode, String stdout, String stderr) {
    String all() { return stdout + stderr; }
  }

  private final Path kubeconfig;
  private final Path workDir;
  private final java.util.Map<String, String> env;

  Kubectl(Path kubeconfig, Path workDir) {
    this(kubeconfig, workDir, java.util.Map.of());
  }

  private Kubectl(Path kubeconfig, Path workDir, java.util.Map<String, String> env) {
    this.kubeconfig = kubeconfig;
    this.workDir = workDir;
    this.env = env;
  }

  /** The same kubectl with one more environment variable (e.g. {@code KUBE_EDITOR}). */
  Kubectl withEnv(String name, String value) {
    java.util.Map<String, String> more = new java.util.HashMap<>(env);
    more.put(name, value);
    return new Kubectl(kubeconfig, workDir, java.util.Map.copyOf(more));
  }

  /** Fails (never skips) when kubectl is missing, saying what to install. */
  static void requireInstalled() {
    try {
      Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("`kubectl version --client` failed: " + out);
      }
    } catch (IOException e) {
      throw new AssertionError("kubectl is not installed: these tests run the real kubectl (1.32). Install it, e.g. "
          + "curl -LO https://dl.k8s.io/release/v1.32.4/bin/linux/amd64/kubectl && install kubectl /usr/local/bin/", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private ProcessBuilder builder(String... args) {
    List<String> cmd = new ArrayList<>(List.of("kubectl"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().remove("KUBERNETES_SERVICE_HOST");
    pb.environment().putAll(env);
    return pb;
  }

  /** Runs kubectl and fails the test, with its output, unless it exits 0. */
  Result ok(String... args) throws IOException, InterruptedException {
    Result r = run(args);
    org.assertj.core.api.Assertions.assertThat(r.exitCode()).as("kubectl " + String.join(" ", args) + "\n" + r.all()).isZero();
    return r;
  }

  Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Writes a manifest into kubectl's working directory, for {@code -f name}. */
  Path write(String name, String text) throws IOException {
    return java.nio.file.Files.writeString(workDir.resolve(name), text);
  }

  /** What {@code kubectl get RESOURCE -o jsonpath=EXPR} prints (failing the test unless kubectl exits 0). */
  String jsonpath(String resource, String expr) throws IOException, InterruptedException {
    return ok("get", resource, "-o", "jsonpath=" + expr).stdout();
  }

  /**
   * Runs kubectl with {@code input} on its stdin, then closed ({@code echo hello | kubectl exec -i ...});
   * null leaves stdin an open pipe nobody writes to.
   */
  Result runWithInput(String input, String... args) throws IOException, InterruptedException {
    Process p = builder(args).start();
    if (input != null) {
      // written beside the reads below: a large input must not wait for output nobody reads yet
      CompletableFuture.runAsync(() -> {
        try (java.io.OutputStream stdin = p.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          // kubectl ended before reading all of it; its exit code says why
        }
      });
    }
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (IOException e) {
        return new byte[0];
      }
    });
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err.join(), StandardCharsets.UTF_8));
  }

  /** A long-running kubectl (e.g. {@code get -w}) whose output lines are collected as they come. */
  static final class Streaming implements AutoCloseable {
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Process process;

    Streaming(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process was stopped
        }
      }, "kubectl-stream");
      reader.setDaemon(true);
      reader.start();
    }

    /** Ctrl-C: SIGINT, which kubectl handles (port-forward closes its listeners and exits). */
    void interrupt() throws IOException, InterruptedException {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
    }

    /** The exit code once the process has ended (a hang guard, not a timing assertion). */
    int awaitExit() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("kubectl did not exit within 60 s");
      }
      return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * A kubectl typed at while it runs: its stdin stays open for {@link #type}, its output (stdout and
   * stderr together) is collected as it comes.
   */
  static final class Session implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final java.io.OutputStream stdin;

    Session(Process process) {
      this.process = process;
      this.stdin = process.getOutputStream();
      Thread reader = new Thread(() -> {
        try (InputStreamReader r = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
          char[] chars = new char[4096];
          for (int n = r.read(chars); n >= 0; n = r.read(chars)) {
            output.append(chars, 0, n);
          }
        } catch (IOException e) {
          // the process was stopped
        }
      }, "kubectl-session");
      reader.setDaemon(true);
      reader.start();
    }

    String output() {
      return output.toString();
    }

    /** Sends keystrokes ({@code "ls\r"} is ls and Enter on a terminal). */
    void type(String keys) throws IOException {
      stdin.write(keys.getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    }

    /** Waits (a hang guard, not a timing) until the output so far contains {@code text}. */
    void awaitOutput(String text) {
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
          .pollInterval(java.time.Duration.ofMillis(100))
          .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(output()).contains(text));
    }

    /** Waits for kubectl to end and gives its exit code. */
    int awaitExit() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("kubectl did not end in 60 s; its output:\n" + output());
      }
      return process.exitValue();
    }

    /** Kills kubectl at once, as a client that drops mid-stream. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        kill();
      }
    }
  }

  /** kubectl with a pipe for stdin (as {@code -i} from a script sees it). */
  Session session(String... args) throws IOException {
    return new Session(builder(args).redirectErrorStream(true).start());
  }

  /**
   * kubectl on a pseudo-terminal, as a user at a terminal runs {@code -it}: util-linux's
   * {@code script -qfec} gives it a pty and passes what the test types to it.
   */
  Session terminal(String... args) throws IOException {
    StringBuilder line = new StringBuilder("exec kubectl");
    for (String a : args) line.append(" '").append(a.replace("'", "'\\''")).append('\'');
    ProcessBuilder pb = new ProcessBuilder("script", "-qfec", line.toString(), "/dev/null")
        .directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    pb.environment().remove("KUBERNETES_SERVICE_HOST");
    pb.environment().putAll(env);
    pb.environment().putIfAbsent("TERM", "xterm");
    return new Session(pb.start());
  }

  Streaming stream(String... args) throws IOException {
    return new Streaming(builder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start());
  }

  /** As {@link #stream}, with stderr's lines among stdout's (e.g. port-forward's errors). */
  Streaming streamWithErrors(String... args) throws IOException {
    return new Streaming(builder(args).redirectErrorStream(true).start());
  }
}
