package io.svclab.proxy.iptables;

import java.util.ArrayList;
import java.util.List;

/**
 * kube-proxy's LineBuffer: each write is one iptables-restore line, its words joined by single
 * spaces. Quoting is the caller's, as in kube-proxy ({@link #quoted}), so a comment without
 * spaces stays bare ({@code --comment ns1/svc1:p80}) exactly as kube-proxy writes it. A discarding
 * buffer takes the lines a partial sync computes and leaves out.
 */
final class RuleLines {
  private final List<String> lines = new ArrayList<>();
  private final boolean discard;

  private RuleLines(boolean discard) {
    this.discard = discard;
  }

  static RuleLines create() {
    return new RuleLines(false);
  }

  static RuleLines discarding() {
    return new RuleLines(true);
  }

  void write(String... words) {
    if (!discard) lines.add(String.join(" ", words));
  }

  void write(List<String> words) {
    if (!discard) lines.add(String.join(" ", words));
  }

  /** {@code :CHAIN - [0:0]}: declares (and, with --noflush, flushes) the chain. */
  void chain(String name) {
    write(":" + name, "-", "[0:0]");
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  static String quoted(String text) {
    return "\"" + text + "\"";
  }
}
