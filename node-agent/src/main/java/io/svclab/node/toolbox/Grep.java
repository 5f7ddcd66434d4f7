package io.svclab.node.toolbox;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code grep [-o -c -i -v -E -F -n -q -w] PATTERN [FILE...]}: basic patterns are read as
 * extended ones once BRE's escaped operators are turned around ({@code \|}, {@code \+}, {@code \?}
 * mean what ERE's bare ones do). Exit 0 when a line matched, 1 when none, 2 on error.
 */
final class Grep implements Tool {
  @Override
  public int run(ToolCall c) {
    boolean only = false, count = false, ignore = false, invert = false, extended = false, fixed = false;
    boolean number = false, quiet = false, word = false;
    String pattern = null;
    List<String> files = new ArrayList<>();
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.equals("-e") && i + 1 < a.size() && pattern == null) {
        pattern = a.get(++i);
      } else if (s.startsWith("-") && s.length() > 1 && pattern == null || s.startsWith("-") && s.length() > 1 && files.isEmpty() && !s.equals("-")) {
        for (char f : s.substring(1).toCharArray()) {
          switch (f) {
            case 'o' -> only = true;
            case 'c' -> count = true;
            case 'i' -> ignore = true;
            case 'v' -> invert = true;
            case 'E' -> extended = true;
            case 'F' -> fixed = true;
            case 'n' -> number = true;
            case 'q', 's' -> quiet |= f == 'q';
            case 'w' -> word = true;
            default -> {
              c.err().println("grep: invalid option -- '" + f + "'");
              c.err().println("Usage: grep [OPTION]... PATTERNS [FILE]...");
              c.err().println("Try 'grep --help' for more information.");
              return 2;
            }
          }
        }
      } else if (pattern == null) {
        pattern = s;
      } else {
        files.add(s);
      }
    }
    if (pattern == null) {
      c.err().println("Usage: grep [OPTION]... PATTERNS [FILE]...");
      c.err().println("Try 'grep --help' for more information.");
      return 2;
    }
    String regex = fixed ? Pattern.quote(pattern) : extended ? pattern : basicToExtended(pattern);
    if (word) regex = "\\b(?:" + regex + ")\\b";
    Pattern p;
    try {
      p = Pattern.compile(regex, ignore ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    } catch (PatternSyntaxException e) {
      c.err().println("grep: Invalid regular expression");
      return 2;
    }
    boolean[] failed = {false};
    List<String> lines = TextInput.lines(c, files, failed);
    int matched = 0;
    for (int k = 0; k < lines.size(); k++) {
      String line = lines.get(k);
      Matcher m = p.matcher(line);
      boolean found = m.find();
      if (found == invert) continue;
      matched++;
      if (quiet || count) continue;
      String prefix = number ? (k + 1) + ":" : "";
      if (only && !invert) {
        do {
          if (!m.group().isEmpty()) c.out().println(prefix + m.group());
        } while (m.find());
      } else {
        c.out().println(prefix + line);
      }
    }
    if (count) c.out().println(matched);
    if (failed[0] && !quiet) return 2;
    return matched > 0 ? 0 : 1;
  }

  /** BRE to java regex: {@code \( \) \{ \} \| \+ \?} are operators, their bare forms literals. */
  static String basicToExtended(String bre) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < bre.length(); i++) {
      char ch = bre.charAt(i);
      if (ch == '\\' && i + 1 < bre.length()) {
        char nx = bre.charAt(++i);
        if ("(){}|+?".indexOf(nx) >= 0) b.append(nx);
        else b.append('\\').append(nx);
      } else if ("(){}|+?".indexOf(ch) >= 0) {
        b.append('\\').append(ch);
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
