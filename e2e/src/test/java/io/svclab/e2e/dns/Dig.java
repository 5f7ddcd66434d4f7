package io.svclab.e2e.dns;

import io.svclab.e2e.harness.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real {@code dig} against a server, its output taken apart. */
public record Dig(String status, String flags, List<String> answer, List<String> authority, List<String> additional, String raw) {
  private static final Pattern STATUS = Pattern.compile("status: (\\w+)");
  private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]+);");

  static Dig query(int port, String... args) throws Exception {
    return query("127.0.0.1", port, args);
  }

  /** {@code dig @server -p port args...}, one try, 3 s. */
  public static Dig query(String server, int port, String... args) throws Exception {
    String cmd = "dig @" + server + " -p " + port + " +tries=1 +time=3 " + String.join(" ", args);
    Shell.Result r = Shell.run(cmd, 20);
    if (r.exitCode() != 0) {
      throw new AssertionError(cmd + " exited " + r.exitCode() + ":\n" + r.stdout() + r.stderr());
    }
    return parse(r.stdout());
  }

  static Dig parse(String out) {
    Matcher s = STATUS.matcher(out);
    Matcher f = FLAGS.matcher(out);
    List<String> answer = new ArrayList<>();
    List<String> authority = new ArrayList<>();
    List<String> additional = new ArrayList<>();
    List<String> current = null;
    for (String line : out.split("\n")) {
      if (line.startsWith(";; ANSWER SECTION:")) current = answer;
      else if (line.startsWith(";; AUTHORITY SECTION:")) current = authority;
      else if (line.startsWith(";; ADDITIONAL SECTION:")) current = additional;
      else if (line.isBlank() || line.startsWith(";")) {
        if (line.isBlank()) current = null;
      } else if (current != null) {
        current.add(String.join(" ", line.trim().split("\\s+")));
      }
    }
    return new Dig(s.find() ? s.group(1) : "?", f.find() ? f.group(1) : "", answer, authority, additional, out);
  }

  /** The rdata (last field(s) after the type) of each answer line of the given type. */
  public List<String> answers(String type) {
    List<String> out = new ArrayList<>();
    for (String a : answer) {
      String[] f = a.split(" ", 5);
      if (f.length == 5 && f[3].equals(type)) out.add(f[4]);
    }
    return out;
  }
}
