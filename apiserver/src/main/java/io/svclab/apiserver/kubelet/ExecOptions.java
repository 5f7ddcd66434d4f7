package io.svclab.apiserver.kubelet;

import io.svclab.apiserver.errors.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The query of {@code pods/exec} (Kubernetes' {@code PodExecOptions}): the command, the container, which streams. */
public record ExecOptions(List<String> command, String container, boolean stdin, boolean stdout, boolean stderr,
    boolean tty) {

  public static ExecOptions parse(Map<String, List<String>> query) {
    List<String> command = query.getOrDefault("command", List.of());
    if (command.isEmpty()) {
      throw ApiException.badRequest("you must specify at least 1 command");
    }
    ExecOptions o = new ExecOptions(List.copyOf(command), first(query, "container"), flag(query, "stdin"),
        flag(query, "stdout"), flag(query, "stderr"), flag(query, "tty"));
    if (!o.stdin && !o.stdout && !o.stderr) {
      throw ApiException.badRequest("you must specify at least 1 of stdin, stdout, stderr");
    }
    if (o.stdin || o.tty) {
      // interactive exec (-i/-t) needs the stdin and resize channels relayed to the shell: not built yet
      throw ApiException.badRequest("svclab: exec with stdin (-i) or a TTY (-t) is not supported yet");
    }
    return o;
  }

  /** The node-agent's {@code /exec} query: the command words, in order. */
  public String kubeletQuery() {
    return command.stream().map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8).replace("+", "%20"))
        .collect(Collectors.joining("&"));
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  private static boolean flag(Map<String, List<String>> query, String name) {
    String v = first(query, name);
    return v.equals("true") || v.equals("1") || v.equals("True") || v.equals("TRUE") || v.equals("t") || v.equals("T");
  }
}
