package io.svclab.node.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellInterpreterTest {
  @TempDir Path root;
  private final List<String> output = new ArrayList<>();

  @BeforeEach
  void html() throws Exception {
    Files.createDirectories(root.resolve("usr/share/nginx/html"));
  }

  private ShellOutcome run(String script) {
    ShellContext ctx = new ShellContext(Map.of("BACKEND_ID", "backend-app-7d4b8f9c8d-abcde", "POD_IP", "127.244.1.5"),
        "backend-app-7d4b8f9c8d-abcde", "127.244.1.5", root, output::add,
        Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC),
        argv -> argv.get(0).equals("nginx") || argv.get(0).equals("sleep"));
    return ShellInterpreter.run(script, List.of("sh"), ctx);
  }

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("seed 002 backend: fieldRef variable and $(hostname -i)",
            "echo \"<h1>Backend Pod: $BACKEND_ID</h1><p>Pod IP: $(hostname -i)</p>\" > /usr/share/nginx/html/index.html\n"
                + "exec nginx -g 'daemon off;'\n",
            "usr/share/nginx/html/index.html", "<h1>Backend Pod: backend-app-7d4b8f9c8d-abcde</h1><p>Pod IP: 127.244.1.5</p>\n"),
        Arguments.of("braces and append", "echo a > /tmp.txt; echo ${POD_IP} >> /tmp.txt", "tmp.txt", "a\n127.244.1.5\n"),
        Arguments.of("mkdir -p then write, comments ignored",
            "# Create health check endpoints\nmkdir -p /data/x\necho \"OK\" > /data/x/health", "data/x/health", "OK\n"),
        Arguments.of("single quotes keep dollars", "echo '$BACKEND_ID' > /q", "q", "$BACKEND_ID\n"),
        Arguments.of("date in a fixed clock", "echo \"$(date)\" > /d", "d", "Thu Jan  2 03:04:05 UTC 2025\n"),
        Arguments.of("hostname", "hostname > /h", "h", "backend-app-7d4b8f9c8d-abcde\n"),
        Arguments.of("default for unset variable", "echo ${NOPE:-fallback} > /f", "f", "fallback\n"),
        Arguments.of("&& runs after success, || skipped", "true && echo yes > /y || echo no > /y", "y", "yes\n"),
        Arguments.of("printf", "printf '%s-%s\\n' a b > /p", "p", "a-b\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void writesFiles(String name, String script, String file, String content) throws Exception {
    ShellOutcome o = run(script);
    assertThat(o).isNotInstanceOf(ShellOutcome.Failed.class);
    assertThat(Files.readString(root.resolve(file))).isEqualTo(content);
  }

  static Stream<Arguments> outcomes() {
    return Stream.of(
        Arguments.of("exec hands over to nginx", "exec nginx -g 'daemon off;'",
            new ShellOutcome.Exec(List.of("nginx", "-g", "daemon off;"), Map.of())),
        Arguments.of("last command runs in the foreground", "echo hi\nsleep infinity",
            new ShellOutcome.Exec(List.of("sleep", "infinity"), Map.of())),
        Arguments.of("script that ends", "echo done", new ShellOutcome.Exited(0)),
        Arguments.of("exit code", "exit 3", new ShellOutcome.Exited(3)),
        Arguments.of("false as the last status", "false", new ShellOutcome.Exited(1)),
        Arguments.of("an unknown command is status 127, and the script goes on", "apt-get update",
            new ShellOutcome.Exited(127)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outcomes")
  void ends(String name, String script, ShellOutcome expected) {
    ShellOutcome o = run(script);
    if (expected instanceof ShellOutcome.Exec e) {
      assertThat(o).isInstanceOfSatisfying(ShellOutcome.Exec.class, x -> assertThat(x.argv()).isEqualTo(e.argv()));
    } else {
      assertThat(o).isEqualTo(expected);
    }
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("background job", "sleep 1 &", "unsupported shell syntax '&'"),
        Arguments.of("case", "case x in x) echo;; esac", "unsupported shell syntax 'case'"),
        Arguments.of("foreground program before the end", "sleep 5\necho after", "runs in the foreground"),
        Arguments.of("unterminated quote", "echo \"oops", "Unterminated quoted string"),
        Arguments.of("arithmetic error", "echo $((1/0))", "division by zero"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failsClearly(String name, String script, String message) {
    assertThat(run(script)).isInstanceOfSatisfying(ShellOutcome.Failed.class,
        f -> assertThat(f.message()).contains(message));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingDir")
  void redirectionIntoMissingDirectoryFailsThatCommandOnly(String name, String script) {
    assertThat(run(script)).isEqualTo(new ShellOutcome.Exited(0));
    assertThat(output).anyMatch(l -> l.contains("cannot create /nope/x: Directory nonexistent"));
  }

  @org.junit.jupiter.api.Test
  void unknownCommandIsReportedInDashWords() {
    run("apt-get update");
    assertThat(output).containsExactly("sh: 1: apt-get: not found");
  }

  static Stream<Arguments> missingDir() {
    return Stream.of(Arguments.of("then continues like dash", "echo a > /nope/x; true"));
  }
}
