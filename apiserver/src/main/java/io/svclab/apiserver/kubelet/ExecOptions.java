package io.svclab.apiserver.kubelet;

import io.svclab.apiserver.errors.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The query of {@code pods/exec} and {@code pods/attach} (Kubernetes' {@code PodExecOptions},
 * {@code PodAttachOptions}): the command (exec only), the container, which streams, the TTY.
 */
public record ExecOptions(List<String> command, String container, boolean stdin, boolean stdout, boolean stderr,
    boolean tty) {

  public static ExecOptions parse(Map<String, List<String>> query) {
    return parse(query, true);
  }

  /** {@code command}: whether the request runs one (exec) or joins the container's program (attach). */
  public static ExecOptions parse(Map<String, List<String>> query, boolean command) {
    List<String> words = command ? query.getOrDefault("command", List.of()) : List.of();
    if (command && words.isEmpty()) {
      throw ApiException.badRequest("you must specify at least 1 command");
    }
    ExecOptions o = new ExecOptions(List.copyOf(words), first(query, "container"), flag(query, "stdin"),
        flag(query, "stdout"), flag(query, "stderr"), flag(query, "tty"));
    if (!o.stdin && !o.stdout && !o.stderr) {
      throw ApiException.badRequest("you must specify at least 1 of stdin, stdout, stderr");
    }
    return o;
  }

  /** The node-agent's {@code /exec} or {@code /attach} query: the command words in order, then stdin and tty. */
  public String kubeletQuery() {
    Stream<String> words = command.stream()
        .map(c -> "command=" + URLEncoder.encode(c, StandardCharsets.UTF_8).replace("+", "%20"));
    return Stream.concat(words, Stream.of(stdin ? "stdin=1" : "", tty ? "tty=1" : "")).filter(s -> !s.isEmpty())
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
