package io.svclab.cli.grpcurl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Go's {@code flag} package as grpcurl uses it ({@code flag.NewFlagSet(os.Args[0], flag.ExitOnError)}):
 * one or two leading dashes, {@code -name=value} or {@code -name value}, booleans only as
 * {@code -name} or {@code -name=value}, parsing stops at the first non-flag or at {@code --}, and
 * the exact wording of Go's errors. Pure: {@link #parse} returns what was parsed or why not.
 */
final class GoFlagSet {
  enum Kind { BOOL, STRING, FLOAT, INT, LIST }

  record Flag(String name, Kind kind, String usage, String defaultValue) {}

  /** Parsed flags (a list for repeatable ones, the last value for the others) and the remaining arguments. */
  record Parsed(Map<String, List<String>> values, List<String> args) {
    boolean bool(String name) {
      List<String> v = values.get(name);
      return v != null && "true".equals(v.get(v.size() - 1));
    }

    String string(String name, String dflt) {
      List<String> v = values.get(name);
      return v == null ? dflt : v.get(v.size() - 1);
    }

    double number(String name) {
      List<String> v = values.get(name);
      return v == null ? 0 : Double.parseDouble(v.get(v.size() - 1));
    }

    List<String> list(String name) {
      return values.getOrDefault(name, List.of());
    }

    boolean isSet(String name) {
      return values.containsKey(name);
    }
  }

  /** Why parsing stopped: Go prints {@code message} (if any) and the usage, then exits with {@code exitCode}. */
  record Stop(String message, int exitCode) {}

  /** One of the two outcomes of {@link #parse}. */
  record Outcome(Parsed parsed, Stop stop) {}

  private static final Pattern GO_FLOAT = Pattern.compile(
      "[+-]?((\\d[\\d_]*(\\.[\\d_]*)?|\\.\\d[\\d_]*)([eE][+-]?\\d+)?|inf(inity)?|nan)", Pattern.CASE_INSENSITIVE);
  private static final Pattern GO_INT = Pattern.compile("[+-]?\\d+");

  private final Map<String, Flag> flags = new LinkedHashMap<>();

  GoFlagSet define(String name, Kind kind, String usage, String defaultValue) {
    flags.put(name, new Flag(name, kind, usage, defaultValue));
    return this;
  }

  Outcome parse(List<String> arguments) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> args = new ArrayList<>(arguments);
    while (!args.isEmpty()) {
      String s = args.get(0);
      if (s.length() < 2 || s.charAt(0) != '-') {
        break;
      }
      int dashes = 1;
      if (s.charAt(1) == '-') {
        dashes = 2;
        if (s.length() == 2) {  // "--" ends the flags
          args.remove(0);
          break;
        }
      }
      String name = s.substring(dashes);
      if (name.isEmpty() || name.charAt(0) == '-' || name.charAt(0) == '=') {
        return stop("bad flag syntax: " + s, 2);
      }
      args.remove(0);
      String value = null;
      int eq = name.indexOf('=', 1);
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Flag flag = flags.get(name);
      if (flag == null) {
        if (name.equals("help") || name.equals("h")) {
          return stop(null, 0);  // flag.ErrHelp: usage, then exit 0
        }
        return stop("flag provided but not defined: -" + name, 2);
      }
      if (flag.kind() == Kind.BOOL) {
        String b = value == null ? "true" : goBool(value);
        if (b == null) {
          return stop("invalid boolean value \"" + value + "\" for -" + name + ": parse error", 2);
        }
        values.put(name, List.of(b));
        continue;
      }
      if (value == null) {
        if (args.isEmpty()) {
          return stop("flag needs an argument: -" + name, 2);
        }
        value = args.remove(0);
      }
      if ((flag.kind() == Kind.FLOAT && !GO_FLOAT.matcher(value).matches())
          || (flag.kind() == Kind.INT && !GO_INT.matcher(value).matches())) {
        return stop("invalid value \"" + value + "\" for flag -" + name + ": parse error", 2);
      }
      if (flag.kind() == Kind.LIST) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        values.put(name, List.of(flag.kind() == Kind.FLOAT ? String.valueOf(goFloat(value)) : value));
      }
    }
    return new Outcome(new Parsed(values, List.copyOf(args)), null);
  }

  private static Outcome stop(String message, int exit) {
    return new Outcome(null, new Stop(message, exit));
  }

  /** strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
  private static String goBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> "true";
      case "0", "f", "F", "FALSE", "false", "False" -> "false";
      default -> null;
    };
  }

  private static double goFloat(String s) {
    String t = s.replace("_", "").toLowerCase();
    if (t.matches("[+-]?inf(inity)?")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return t.matches("[+-]?nan") ? Double.NaN : Double.parseDouble(t);
  }

  /**
   * flag.PrintDefaults: flags sorted by name, {@code "  -name type"} then the usage on the same line
   * for one-letter booleans, else on the next line after four spaces and a tab; non-zero defaults
   * follow as {@code (default "json")}.
   */
  String defaults() {
    StringBuilder out = new StringBuilder();
    flags.values().stream().sorted(Comparator.comparing(Flag::name)).forEach(f -> {
      StringBuilder b = new StringBuilder("  -").append(f.name());
      String type = switch (f.kind()) {
        case BOOL -> "";
        case STRING -> "string";
        case FLOAT -> "float";
        case INT -> "int";
        case LIST -> "value";
      };
      if (!type.isEmpty()) {
        b.append(' ').append(type);
      }
      b.append(b.length() <= 4 ? "\t" : "\n    \t");
      b.append(f.usage().replace("\n", "\n    \t"));
      if (f.defaultValue() != null && !f.defaultValue().isEmpty()) {
        b.append(f.kind() == Kind.STRING ? " (default \"" + f.defaultValue() + "\")" : " (default " + f.defaultValue() + ")");
      }
      out.append(b).append('\n');
    });
    return out.toString();
  }
}
