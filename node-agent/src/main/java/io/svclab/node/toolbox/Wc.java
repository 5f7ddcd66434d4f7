package io.svclab.node.toolbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code wc [-l -w -c]} over stdin (busybox's column layout: counts right-aligned in 7 columns, or bare with one flag). */
final class Wc implements Tool {
  @Override
  public int run(ToolCall c) {
    boolean l = false, w = false, ch = false;
    List<String> files = new ArrayList<>();
    for (String s : c.args()) {
      if (s.startsWith("-") && s.length() > 1) {
        l |= s.contains("l");
        w |= s.contains("w");
        ch |= s.contains("c") || s.contains("m");
      } else {
        files.add(s);
      }
    }
    if (!l && !w && !ch) l = w = ch = true;
    String text;
    if (files.isEmpty()) {
      text = TextInput.read(c.in());
    } else {
      boolean[] failed = {false};
      List<String> lines = TextInput.lines(c, files, failed);
      text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
    long lines = text.chars().filter(x -> x == '\n').count();
    long words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
    List<Long> counts = new ArrayList<>();
    if (l) counts.add(lines);
    if (w) counts.add(words);
    if (ch) counts.add(bytes);
    StringBuilder b = new StringBuilder();
    for (long n : counts) {
      if (counts.size() == 1) b.append(n);
      else b.append(String.format("%7d ", n));
    }
    String out = counts.size() == 1 ? b.toString() : b.toString().stripTrailing();
    if (!files.isEmpty()) out += " " + String.join(" ", files);
    c.out().println(out);
    return 0;
  }
}
