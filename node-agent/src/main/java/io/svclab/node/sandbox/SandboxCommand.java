package io.svclab.node.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line that runs a host program as if in the pod (pure): in the pod's network
 * namespace ({@code nsenter --net}), in a private mount and UTS namespace of its own ({@code unshare
 * --mount --uts}, propagation private, so nothing leaks to the node) where {@code /etc/resolv.conf},
 * {@code /etc/hosts} and {@code /etc/hostname} are the pod's files (bind mounts of what node-agent
 * wrote in the container's root) and the hostname is the pod's, then {@code exec} of the program
 * in the container's working directory. Every step execs the next, so the program keeps the pid
 * the agent started (its exit code is the session's, a signal reaches it). With a terminal the
 * first step is {@code setsid -w} and the terminal is opened as the new session's controlling
 * terminal, as a container runtime gives {@code -t} a console.
 *
 * @param netns the pod's network namespace file ({@code /run/netns/svclab-pod-1-10-244-1-5})
 * @param root the container's root directory holding {@code etc/resolv.conf}, {@code etc/hosts}, {@code etc/hostname}
 */
public record SandboxCommand(Path netns, Path root, String hostname, String workdir, List<String> argv) {
  /**
   * Runs as root after {@code unshare}: positional parameters, never text pasted into the script,
   * so nothing in a name or an argument is read as shell.
   */
  static final String SETUP = "mount --bind \"$1\" /etc/resolv.conf && mount --bind \"$2\" /etc/hosts"
      + " && mount --bind \"$3\" /etc/hostname && printf %s \"$4\" > /proc/sys/kernel/hostname"
      + " || exit 126; cd \"$5\" 2>/dev/null || cd /; shift 5; exec \"$@\"";

  /** Opens the terminal named by {@code $1} on stdin, stdout and stderr of the new session's leader. */
  static final String ON_TERMINAL = "exec 0<>\"$1\" 1>&0 2>&0; shift; exec \"$@\"";

  /** What a container's program gets when kubectl gives none (an image's default command is not known here). */
  static final String DEFAULT_PROGRAM = "sh";

  /** Without a terminal: stdin, stdout and stderr are the agent's pipes. */
  public List<String> withoutTerminal() {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + netns, "--",
        "unshare", "--mount", "--uts", "--propagation", "private", "--",
        "sh", "-c", SETUP, "sh", root.resolve("etc/resolv.conf").toString(), root.resolve("etc/hosts").toString(),
        root.resolve("etc/hostname").toString(), hostname, workdir));
    cmd.addAll(argv.isEmpty() ? List.of(DEFAULT_PROGRAM) : argv);
    return List.copyOf(cmd);
  }

  /** With the terminal {@code pts} (a pty's slave, {@code /dev/pts/N}) as the session's controlling terminal. */
  public List<String> onTerminal(String pts) {
    List<String> cmd = new ArrayList<>(List.of("setsid", "-w", "sh", "-c", ON_TERMINAL, "sh", pts));
    cmd.addAll(withoutTerminal());
    return List.copyOf(cmd);
  }

  /**
   * The program's environment: the container's (Service variables and all), {@code TERM=xterm}
   * with a terminal as containerd sets it, and {@code HOME} of the root user when the image gave none.
   */
  public static Map<String, String> environment(Map<String, String> container, boolean tty) {
    Map<String, String> env = new LinkedHashMap<>(container);
    env.putIfAbsent("HOME", "/root");
    if (tty) {
      env.putIfAbsent("TERM", "xterm");
    }
    return env;
  }
}
