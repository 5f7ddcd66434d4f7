package io.svclab.node.toolbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code sort [-r -n -u] [FILE...]}: byte order (the C locale of tool images), numeric with -n. */
final class Sort implements Tool {
  @Override
  public int run(ToolCall c) {
    boolean reverse = false, numeric = false, unique = false;
    List<String> files = new ArrayList<>();
    for (String s : c.args()) {
      if (s.startsWith("-") && s.length() > 1) {
        reverse |= s.contains("r");
        numeric |= s.contains("n");
        unique |= s.contains("u");
      } else {
        files.add(s);
      }
    }
    boolean[] failed = {false};
    List<String> lines = new ArrayList<>(TextInput.lines(c, files, failed));
    Comparator<String> order = numeric ? Comparator.comparingDouble(Sort::leadingNumber).thenComparing(Comparator.naturalOrder())
        : Comparator.naturalOrder();
    lines.sort(reverse ? order.reversed() : order);
    (unique ? new ArrayList<>(new LinkedHashSet<>(lines)) : lines).forEach(c.out()::println);
    return failed[0] ? 2 : 0;
  }

  private static double leadingNumber(String s) {
    var m = java.util.regex.Pattern.compile("^\\s*(-?\\d+(\\.\\d+)?)").matcher(s);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
