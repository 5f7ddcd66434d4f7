package io.svclab.node.toolbox;

/** {@code tr SET1 SET2}, {@code tr -d SET}, {@code tr -s SET}: ranges ({@code a-z}) and {@code [:upper:]}/{@code [:lower:]}. */
final class Tr implements Tool {
  @Override
  public int run(ToolCall c) {
    boolean delete = false, squeeze = false;
    java.util.List<String> sets = new java.util.ArrayList<>();
    for (String s : c.args()) {
      if (s.matches("-[ds]+")) {
        delete |= s.contains("d");
        squeeze |= s.contains("s");
      } else {
        sets.add(s);
      }
    }
    if (sets.isEmpty() || (!delete && !squeeze && sets.size() < 2)) {
      c.err().println("tr: missing operand");
      return 1;
    }
    String from = expand(sets.get(0));
    String to = sets.size() > 1 ? expand(sets.get(1)) : "";
    String text = TextInput.read(c.in());
    StringBuilder b = new StringBuilder();
    char last = 0;
    boolean haveLast = false;
    for (char ch : text.toCharArray()) {
      int k = from.indexOf(ch);
      if (delete && k >= 0) continue;
      char o = ch;
      if (!delete && k >= 0 && !to.isEmpty()) o = to.charAt(Math.min(k, to.length() - 1));
      String squeezeSet = to.isEmpty() ? from : to;
      if (squeeze && haveLast && o == last && squeezeSet.indexOf(o) >= 0) continue;
      b.append(o);
      last = o;
      haveLast = true;
    }
    c.out().print(b);
    return 0;
  }

  static String expand(String set) {
    set = set.replace("[:upper:]", "A-Z").replace("[:lower:]", "a-z").replace("[:digit:]", "0-9")
        .replace("[:space:]", " \t\n\r").replace("\\n", "\n").replace("\\t", "\t");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < set.length(); i++) {
      if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        for (char ch = set.charAt(i); ch <= set.charAt(i + 2); ch++) b.append(ch);
        i += 2;
      } else {
        b.append(set.charAt(i));
      }
    }
    return b.toString();
  }
}
