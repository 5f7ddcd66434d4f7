package io.svclab.node.toolbox;

import java.util.ArrayList;
import java.util.List;

/** {@code uniq [-c -d -u]}: adjacent equal lines; {@code -c} counts as GNU/busybox print them ({@code %7d line}). */
final class Uniq implements Tool {
  @Override
  public int run(ToolCall c) {
    boolean count = false, dups = false, uniques = false;
    List<String> files = new ArrayList<>();
    for (String s : c.args()) {
      if (s.startsWith("-") && s.length() > 1) {
        count |= s.contains("c");
        dups |= s.contains("d");
        uniques |= s.contains("u");
      } else {
        files.add(s);
      }
    }
    boolean[] failed = {false};
    List<String> lines = TextInput.lines(c, files.isEmpty() ? files : files.subList(0, 1), failed);
    int i = 0;
    while (i < lines.size()) {
      int j = i;
      while (j < lines.size() && lines.get(j).equals(lines.get(i))) j++;
      int n = j - i;
      if (!(dups && n == 1) && !(uniques && n > 1)) {
        c.out().println(count ? String.format("%7d %s", n, lines.get(i)) : lines.get(i));
      }
      i = j;
    }
    return failed[0] ? 1 : 0;
  }
}
