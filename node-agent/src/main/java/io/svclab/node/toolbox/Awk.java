package io.svclab.node.toolbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The awk programs one types at a prompt: {@code [/regex/] {print $N, $M, "text", NF, NR, $0}}
 * with {@code -F SEP}. Anything else is refused naming what it could not run.
 */
final class Awk implements Tool {
  private static final Pattern PROGRAM = Pattern.compile("\\s*(?:/((?:[^/\\\\]|\\\\.)*)/)?\\s*\\{\\s*print\\s*(.*?)\\s*;?\\s*\\}\\s*");

  @Override
  public int run(ToolCall c) {
    String sep = null;
    String program = null;
    List<String> files = new ArrayList<>();
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.startsWith("-F") && program == null) sep = s.length() > 2 ? s.substring(2) : i + 1 < a.size() ? a.get(++i) : null;
      else if (program == null) program = s;
      else files.add(s);
    }
    if (program == null) {
      c.err().println("usage: awk [-F fs] 'program' [file ...]");
      return 2;
    }
    Matcher m = PROGRAM.matcher(program);
    if (!m.matches()) {
      c.err().println("awk: the built-in awk runs only '[/regex/] {print ...}' programs, not: " + program);
      return 2;
    }
    Pattern filter = m.group(1) == null ? null : Pattern.compile(m.group(1));
    List<String> items = items(m.group(2));
    boolean[] failed = {false};
    int nr = 0;
    for (String line : TextInput.lines(c, files, failed)) {
      nr++;
      if (filter != null && !filter.matcher(line).find()) continue;
      String trimmed = line.strip();
      String[] fields = sep == null ? (trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+"))
          : line.split(sep.length() == 1 ? Pattern.quote(sep) : sep, -1);
      StringBuilder b = new StringBuilder();
      for (String item : items) {
        if (item.equals(",")) {
          b.append(' ');
        } else if (item.startsWith("\"")) {
          b.append(item, 1, item.length() - 1);
        } else if (item.equals("NF")) {
          b.append(fields.length);
        } else if (item.equals("NR")) {
          b.append(nr);
        } else if (item.startsWith("$")) {
          String idx = item.substring(1);
          int k = idx.equals("NF") ? fields.length : Integer.parseInt(idx);
          b.append(k == 0 ? line : k <= fields.length ? fields[k - 1] : "");
        }
      }
      c.out().println(items.isEmpty() ? line : b.toString());
    }
    return failed[0] ? 2 : 0;
  }

  /** The print list's items: {@code $N}, {@code NF}, {@code NR}, string literals, and commas. */
  private static List<String> items(String list) {
    List<String> out = new ArrayList<>();
    Matcher t = Pattern.compile("\\$(?:\\d+|NF)|NF|NR|\"[^\"]*\"|,").matcher(list);
    while (t.find()) out.add(t.group());
    return out;
  }
}
