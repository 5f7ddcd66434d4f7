package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's interactive verbs against a real apiserver, workload controller and node-agent:
 * {@code exec -i} with stdin piped, {@code exec -it} and {@code run --rm -i/-it} typed through a
 * pseudo-terminal, and a client that drops mid-session.
 */
class KubectlInteractiveTest {
  @TempDir static Path dir;
  private static KubectlCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = KubectlCluster.start(dir, true);
    kubectl = cluster.withToolboxPod(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  @Test
  void execWithStdinPiped() throws Exception {
    Kubectl.Result cat = kubectl.runWithInput("hello\n", "exec", "-i", "toolbox", "--", "cat");
    assertThat(cat.exitCode()).as(cat.all()).isZero();
    assertThat(cat.stdout()).isEqualTo("hello\n");

    Kubectl.Result sh = kubectl.runWithInput("echo one\nhostname\ncd /tmp; pwd\n", "exec", "-i", "toolbox", "--", "sh");
    assertThat(sh.exitCode()).as(sh.all()).isZero();
    assertThat(sh.stdout()).isEqualTo("one\ntoolbox\n/tmp\n");

    Kubectl.Result exit = kubectl.runWithInput("echo before\nexit 4\necho never\n", "exec", "-i", "toolbox", "--", "sh");
    assertThat(exit.exitCode()).isEqualTo(4);
    assertThat(exit.stdout()).isEqualTo("before\n");
    assertThat(exit.stderr()).contains("command terminated with exit code 4");
  }

  @Test
  void execItTypedThroughATerminal() throws Exception {
    try (Kubectl.Session t = kubectl.terminal("exec", "-it", "toolbox", "--", "sh")) {
      t.awaitOutput("/ # ");
      t.type("echo one\r");
      t.awaitOutput("one\r\n/ # ");
      t.type("cd /tmp\r");
      t.awaitOutput("/tmp # ");
      t.type("hostname\r");
      t.awaitOutput("toolbox\r\n/tmp # ");
      t.type("exit\r");
      assertThat(t.awaitExit()).as(t.output()).isZero();
    }
  }

  @Test
  void runRmOneShotPrintsItsOutputAndDeletesThePod() throws Exception {
    Kubectl.Result r = kubectl.runWithInput("", "run", "tmp", "--rm", "-i", "--restart=Never", "--image=busybox:1.36",
        "--", "sh", "-c", "echo hi");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout()).startsWith("hi\n").contains("pod \"tmp\" deleted");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(kubectl.run("get", "pod", "tmp").stderr()).contains("pods \"tmp\" not found"));
  }

  @Test
  void runRmItSessionThroughATerminal() throws Exception {
    try (Kubectl.Session t = kubectl.terminal("run", "shell", "--rm", "-it", "--restart=Never", "--image=busybox:1.36",
        "--", "sh")) {
      t.awaitOutput("/ # ");
      t.type("echo first\r");
      t.awaitOutput("first\r\n/ # ");
      t.type("hostname\r");
      t.awaitOutput("shell\r\n/ # ");
      t.type("echo done\r");
      t.awaitOutput("done\r\n/ # ");
      t.type("exit\r");
      assertThat(t.awaitExit()).as(t.output()).isZero();
      assertThat(t.output()).contains("pod \"shell\" deleted");
    }
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(kubectl.run("get", "pod", "shell").stderr()).contains("pods \"shell\" not found"));
  }

  @Test
  void attachGivesAWaitingProgramItsStdin() throws Exception {
    Files.writeString(dir.resolve("manifests/attachable.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: attachable
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh"]
            stdin: true
            stdinOnce: true
        """);
    Kubectl.Result applied = kubectl.ok("apply", "-f", "attachable.yaml");
    assertThat(applied.stderr()).as("stdinOnce is a known field").doesNotContain("unknown field");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(kubectl.ok("get", "pod", "attachable", "-o", "jsonpath={.status.phase}").stdout()).isEqualTo("Running"));
    Kubectl.Result attached = kubectl.runWithInput("echo attached to $(hostname)\nexit 5\n", "attach", "-i", "attachable");
    assertThat(attached.stdout()).contains("attached to attachable\n");
    // the program's end is the container's: Failed with its code, as kubelet reports it
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kubectl.ok("get", "pod", "attachable", "-o",
        "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}").stdout())
        .isEqualTo("Failed 5"));
    assertThat(kubectl.ok("logs", "attachable").stdout()).isEqualTo("attached to attachable\n");
  }

  @Test
  void netshootBashAsSeed002TypesIt() throws Exception {
    try (Kubectl.Session t = kubectl.terminal("run", "debug", "--image=nicolaka/netshoot", "--rm", "-it",
        "--restart=Never", "--", "bash")) {
      t.awaitOutput("debug:~# ");
      t.type("cd /tmp\r");
      t.awaitOutput("debug:/tmp# ");
      t.type("hostname\r");
      t.awaitOutput("debug\r\ndebug:/tmp# ");
      t.type("\u0004"); // ^D on an empty line: bash says exit
      assertThat(t.awaitExit()).as(t.output()).isZero();
      assertThat(t.output()).contains("debug:/tmp# exit\r\n");
    }
  }

  @Test
  void tenMebibytesOnStdin() throws Exception {
    String line = "x".repeat(99) + "\n";
    String input = line.repeat(10 * 1024 * 1024 / line.length());
    Kubectl.Result cat = kubectl.runWithInput(input, "exec", "-i", "toolbox", "--", "cat");
    assertThat(cat.exitCode()).as(cat.stderr()).isZero();
    assertThat(cat.stdout().length()).isEqualTo(input.length());
    assertThat(cat.stdout()).isEqualTo(input);
  }

  @Test
  void aClientThatDropsMidSessionLeavesNoSessionBehind() throws Exception {
    try (Kubectl.Session s = kubectl.session("exec", "-i", "toolbox", "--", "sh")) {
      s.type("echo started\n");
      s.awaitOutput("started");
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sessionsRunning()).isPositive());
      s.kill();
    }
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(sessionsRunning()).as("node-agent threads inside a terminal session").isZero());
    assertThat(cluster.agent().alive()).isTrue();
    assertThat(kubectl.ok("exec", "toolbox", "--", "echo", "still here").stdout()).isEqualTo("still here\n");
  }

  /** Threads of the node-agent with a TerminalSession on their stack, from jcmd's thread dump. */
  private static long sessionsRunning() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(cluster.agent().pid()), "Thread.print").redirectErrorStream(true).start();
    String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(dump).contains("kubelet-api");
    return java.util.Arrays.stream(dump.split("\n\n")).filter(t -> t.contains("TerminalSession.run")).count();
  }
}
