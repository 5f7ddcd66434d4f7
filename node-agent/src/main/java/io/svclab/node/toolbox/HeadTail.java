package io.svclab.node.toolbox;

import java.util.ArrayList;
import java.util.List;

/** {@code head} and {@code tail}: {@code -n N}, {@code -N}, {@code -nN}; tail also {@code -n +N}. */
final class HeadTail implements Tool {
  private final boolean head;

  HeadTail(boolean head) {
    this.head = head;
  }

  @Override
  public int run(ToolCall c) {
    String count = "10";
    List<String> files = new ArrayList<>();
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.equals("-n") && i + 1 < a.size()) count = a.get(++i);
      else if (s.startsWith("-n")) count = s.substring(2);
      else if (s.matches("-\\d+")) count = s.substring(1);
      else if (s.equals("-f") || s.equals("-q")) continue;
      else files.add(s);
    }
    boolean fromStart = count.startsWith("+");
    int n;
    try {
      n = Integer.parseInt(fromStart ? count.substring(1) : count);
    } catch (NumberFormatException e) {
      c.err().println(c.name() + ": invalid number '" + count + "'");
      return 1;
    }
    boolean[] failed = {false};
    List<String> lines = TextInput.lines(c, files, failed);
    List<String> picked;
    if (head) picked = lines.subList(0, Math.min(n, lines.size()));
    else if (fromStart) picked = lines.subList(Math.min(Math.max(n - 1, 0), lines.size()), lines.size());
    else picked = lines.subList(Math.max(0, lines.size() - n), lines.size());
    picked.forEach(c.out()::println);
    return failed[0] ? 1 : 0;
  }
}
