package io.svclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.apiserver.ApiServerMain;
import io.svclab.cloudlb.CloudLbMain;
import io.svclab.dns.DnsServerMain;
import io.svclab.endpoints.EndpointsControllerMain;
import io.svclab.node.NodeAgentMain;
import io.svclab.proxy.NodeProxyMain;
import io.svclab.workload.WorkloadControllerMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every verb (walked from the command tree, recursively) and every component main answers --help. */
class VerbHelpTest {
  private record Answer(int exit, String out, String err) {}

  private static Answer help(CommandLine cl, String... path) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(List.of(path));
    args.add("--help");
    int exit = cl.execute(args.toArray(String[]::new));
    return new Answer(exit, out.toString(), err.toString());
  }

  private static void collect(CommandLine cl, List<String> prefix, List<List<String>> into) {
    for (var e : cl.getSubcommands().entrySet()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      into.add(path);
      collect(e.getValue(), path, into);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyVerbAnswersHelpWithUsageAndExamples() {
    List<List<String>> paths = new ArrayList<>();
    paths.add(List.of());
    collect(LabMain.commandLine(), List.of(), paths);
    assertThat(paths).as("the tree has the verbs").hasSizeGreaterThan(10);
    return paths.stream().map(path -> DynamicTest.dynamicTest("lab " + String.join(" ", path) + " --help", () -> {
      Answer a = help(LabMain.commandLine(), path.toArray(String[]::new));
      assertThat(a.exit()).as(a.out() + a.err()).isZero();
      assertThat(a.out()).containsPattern("(?m)^Usage: lab" + (path.isEmpty() ? "" : " " + String.join(" ", path)) + " ");
      assertThat(a.err()).isEmpty();
      if (!path.isEmpty()) {
        assertThat(a.out()).as("examples").contains("Examples:\n  ./lab " + path.get(0));
      }
    }));
  }

  @org.junit.jupiter.api.Test
  void helpListsTheVerbsTheScriptRunsItself() {
    String out = help(LabMain.commandLine()).out();
    assertThat(out).contains("compose").containsPattern("\\n  build ").containsPattern("\\n  test ")
        .containsPattern("\\n  bench ");
  }

  @TestFactory
  Stream<DynamicTest> everyComponentMainAnswersHelp() {
    List<Supplier<Object>> mains = List.of(ApiServerMain::new, EndpointsControllerMain::new,
        WorkloadControllerMain::new, NodeAgentMain::new, NodeProxyMain::new, DnsServerMain::new, CloudLbMain::new);
    return mains.stream().map(main -> {
      Object command = main.get();
      String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
      return DynamicTest.dynamicTest(name + " --help", () -> {
        for (String flag : List.of("--help", "-h")) {
          StringWriter out = new StringWriter();
          CommandLine cl = new CommandLine(main.get()).setOut(new PrintWriter(out));
          assertThat(cl.execute(flag)).isZero();
          assertThat(out.toString()).startsWith("Usage: " + name).contains("Examples:");
        }
      });
    });
  }
}
