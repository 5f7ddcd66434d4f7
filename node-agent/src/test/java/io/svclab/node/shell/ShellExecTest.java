package io.svclab.node.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.node.toolbox.ImageTools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The executor as {@code kubectl exec} drives it: argv, stdin, stdout, stderr, exit code, per image. */
class ShellExecTest {
  @TempDir Path root;

  record Result(String out, String err, int code) {}

  private Result exec(String image, String stdin, String... argv) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.244.1.5\tdebug\n");
    ShellContext ctx = new ShellContext(Map.of("HOME", "/root", "BACKEND_SERVICE_SERVICE_HOST", "127.96.4.4"), "debug",
        "127.244.1.5", root, l -> { }, Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC),
        a -> false, ImageTools.of(image));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ShellInterpreter.exec(List.of(argv), ctx, new ShellIo(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err));
    return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
  }

  private static final String NETSHOOT = "nicolaka/netshoot";
  private static final String BUSYBOX = "library/busybox";

  static Stream<Arguments> scripts() {
    return Stream.of(
        Arguments.of("bash brace range in a for loop", NETSHOOT, "bash", "for i in {1..5}; do echo $i; done",
            new Result("1\n2\n3\n4\n5\n", "", 0)),
        Arguments.of("busybox sh has no brace expansion", BUSYBOX, "sh", "for i in {1..3}; do echo $i; done",
            new Result("{1..3}\n", "", 0)),
        Arguments.of("brace list with prefix", NETSHOOT, "bash", "echo a{b,c}d", new Result("abd acd\n", "", 0)),
        Arguments.of("word list", BUSYBOX, "sh", "for x in a 'b c'; do echo \"[$x]\"; done", new Result("[a]\n[b c]\n", "", 0)),
        Arguments.of("pipe into grep -c", BUSYBOX, "sh", "seq 10 | grep -c 1", new Result("2\n", "", 1 - 1)),
        Arguments.of("pipeline status is the last stage's", BUSYBOX, "sh", "echo a | grep b; echo $?", new Result("1\n", "", 0)),
        Arguments.of("negated pipeline", BUSYBOX, "sh", "! echo a | grep b && echo none", new Result("none\n", "", 0)),
        Arguments.of("while with arithmetic and test", BUSYBOX, "sh",
            "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", new Result("0\n1\n2\n", "", 0)),
        Arguments.of("until", BUSYBOX, "sh", "i=3; until [ $i -eq 0 ]; do i=$((i-1)); done; echo $i", new Result("0\n", "", 0)),
        Arguments.of("if elif else", BUSYBOX, "sh",
            "x=2; if [ $x = 1 ]; then echo one; elif [ $x = 2 ]; then echo two; else echo other; fi", new Result("two\n", "", 0)),
        Arguments.of("if on a command's status", BUSYBOX, "sh", "if grep -q x /etc/hosts; then echo y; else echo n; fi",
            new Result("n\n", "", 0)),
        Arguments.of("command substitution in a loop list", BUSYBOX, "sh", "for n in $(seq 2); do echo n$n; done",
            new Result("n1\nn2\n", "", 0)),
        Arguments.of("grep -o -i", BUSYBOX, "sh", "echo 'Backend Pod: a backend pod: b' | grep -o -i 'pod: [a-z]'",
            new Result("Pod: a\npod: b\n", "", 0)),
        Arguments.of("grep -v -E", BUSYBOX, "sh", "printf 'a1\\nb2\\nc3\\n' | grep -v -E 'a|c'", new Result("b2\n", "", 0)),
        Arguments.of("sort and uniq -c", BUSYBOX, "sh", "printf 'b\\na\\nb\\n' | sort | uniq -c",
            new Result("      1 a\n      2 b\n", "", 0)),
        Arguments.of("wc -l", BUSYBOX, "sh", "seq 7 | wc -l", new Result("7\n", "", 0)),
        Arguments.of("head and tail", BUSYBOX, "sh", "seq 10 | head -3 | tail -n 1", new Result("3\n", "", 0)),
        Arguments.of("cut and tr", BUSYBOX, "sh", "echo a:b:c | cut -d: -f2,3 | tr a-z A-Z", new Result("B:C\n", "", 0)),
        Arguments.of("awk print fields", BUSYBOX, "sh", "echo 'x y z' | awk '{print $3, $1}'", new Result("z x\n", "", 0)),
        Arguments.of("cat /etc/hosts", BUSYBOX, "sh", "cat /etc/hosts | awk '{print $2}'", new Result("localhost\ndebug\n", "", 0)),
        Arguments.of("hostname -i and env", BUSYBOX, "sh", "hostname; hostname -i; printenv BACKEND_SERVICE_SERVICE_HOST",
            new Result("debug\n127.244.1.5\n127.96.4.4\n", "", 0)),
        Arguments.of("stderr into stdout", BUSYBOX, "sh", "frobnicate 2>&1 | tr a-z A-Z", new Result("SH: FROBNICATE: NOT FOUND\n", "", 0)),
        Arguments.of("|| after failure, exit code", BUSYBOX, "sh", "false || exit 4", new Result("", "", 4)),
        Arguments.of("stdin to cat", BUSYBOX, "sh", "cat", new Result("piped\n", "", 0)),
        Arguments.of("busybox sh: unknown command", BUSYBOX, "sh", "frobnicate", new Result("", "sh: frobnicate: not found\n", 127)),
        Arguments.of("bash: unknown command", NETSHOOT, "bash", "echo a; frobnicate",
            new Result("a\n", "bash: line 1: frobnicate: command not found\n", 127)),
        Arguments.of("busybox has no curl", BUSYBOX, "sh", "curl -s backend-service", new Result("", "sh: curl: not found\n", 127)),
        Arguments.of("busybox has no bash", BUSYBOX, "sh", "bash -c 'echo hi'", new Result("", "sh: bash: not found\n", 127)),
        Arguments.of("netshoot runs bash from sh", NETSHOOT, "sh", "bash -c 'echo {a,b}'", new Result("a b\n", "", 0)),
        Arguments.of("subshell keeps its variables", BUSYBOX, "sh", "x=1; (x=2; echo $x); echo $x", new Result("2\n1\n", "", 0)),
        Arguments.of("syntax error", BUSYBOX, "sh", "if true; then echo", new Result("",
            "sh: 1: Syntax error: end of file unexpected (expecting \"fi\")\n", 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void runsScripts(String name, String image, String shell, String script, Result expected) throws Exception {
    assertThat(exec(image, "piped\n", shell, "-c", script)).isEqualTo(expected);
  }

  static Stream<Arguments> argvs() {
    return Stream.of(
        Arguments.of("a plain command", BUSYBOX, List.of("echo", "a b"), new Result("a b\n", "", 0)),
        Arguments.of("an unknown command exits 127", BUSYBOX, List.of("frobnicate"), new Result("", "sh: frobnicate: not found\n", 127)),
        Arguments.of("curl is not in busybox", BUSYBOX, List.of("curl", "-s", "web"), new Result("", "sh: curl: not found\n", 127)),
        Arguments.of("a shell without -c reads stdin", BUSYBOX, List.of("sh"), new Result("piped\n", "", 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("argvs")
  void runsArgv(String name, String image, List<String> argv, Result expected) throws Exception {
    String stdin = argv.equals(List.of("sh")) ? "echo piped\n" : "";
    assertThat(exec(image, stdin, argv.toArray(String[]::new))).isEqualTo(expected);
  }
}
