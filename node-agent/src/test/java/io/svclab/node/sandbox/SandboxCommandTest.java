package io.svclab.node.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {
  private static final SandboxCommand DEBUG = new SandboxCommand(Path.of("/run/netns/svclab-pod-1-10-244-1-5"),
      Path.of("/lab/nodes/node-1/pods/default_debug_u1/debug/rootfs"), "debug", "/root", List.of("bash"));

  @Test
  void withoutATerminalTheProgramRunsInThePodsNetworkAndAMountNamespaceOfItsOwn() {
    assertThat(DEBUG.withoutTerminal()).containsExactly("nsenter", "--net=/run/netns/svclab-pod-1-10-244-1-5", "--",
        "unshare", "--mount", "--uts", "--propagation", "private", "--",
        "sh", "-c", SandboxCommand.SETUP, "sh",
        "/lab/nodes/node-1/pods/default_debug_u1/debug/rootfs/etc/resolv.conf",
        "/lab/nodes/node-1/pods/default_debug_u1/debug/rootfs/etc/hosts",
        "/lab/nodes/node-1/pods/default_debug_u1/debug/rootfs/etc/hostname",
        "debug", "/root", "bash");
  }

  @Test
  void withATerminalANewSessionOpensItFirst() {
    List<String> cmd = DEBUG.onTerminal("/dev/pts/7");
    assertThat(cmd.subList(0, 7)).containsExactly("setsid", "-w", "sh", "-c", SandboxCommand.ON_TERMINAL, "sh",
        "/dev/pts/7");
    assertThat(cmd.subList(7, cmd.size())).isEqualTo(DEBUG.withoutTerminal());
  }

  @Test
  void argumentsAreNeverPastedIntoTheScripts() {
    SandboxCommand odd = new SandboxCommand(Path.of("/run/netns/p"), Path.of("/r"), "a;b", "/", List.of("sh", "-c",
        "echo $HOSTNAME; rm -rf /x"));
    assertThat(SandboxCommand.SETUP).doesNotContain("a;b");
    assertThat(odd.withoutTerminal()).endsWith("a;b", "/", "sh", "-c", "echo $HOSTNAME; rm -rf /x");
  }

  @Test
  void noCommandRunsTheShell() {
    assertThat(new SandboxCommand(Path.of("/run/netns/p"), Path.of("/r"), "h", "/", List.of()).withoutTerminal())
        .endsWith("/", "sh");
  }

  @Test
  void theEnvironmentIsTheContainersWithTermForATerminalAndAHome() {
    assertThat(SandboxCommand.environment(Map.of("PATH", "/bin", "HOSTNAME", "debug"), true))
        .containsExactlyInAnyOrderEntriesOf(Map.of("PATH", "/bin", "HOSTNAME", "debug", "HOME", "/root", "TERM", "xterm"));
    assertThat(SandboxCommand.environment(Map.of("HOME", "/home/curl_user"), false))
        .containsExactlyInAnyOrderEntriesOf(Map.of("HOME", "/home/curl_user"));
  }
}
