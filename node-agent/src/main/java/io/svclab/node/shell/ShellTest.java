package io.svclab.node.shell;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/** {@code test} / {@code [ ]}: strings, integers, files, {@code !}, {@code -a}/{@code -o}. Status 0 true, 1 false, 2 error. */
final class ShellTest {
  private ShellTest() {}

  static int evaluate(List<String> args, BiFunction<String, Integer, Path> files, int line, PrintStream err,
      ShellDialect dialect) {
    try {
      return truth(args, files) ? 0 : 1;
    } catch (NumberFormatException e) {
      err.println(dialect.message(line, "test: Illegal number: " + e.getMessage().replaceAll(".*\"(.*)\".*", "$1")));
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(dialect.message(line, "test: " + e.getMessage()));
      return 2;
    }
  }

  private static boolean truth(List<String> a, BiFunction<String, Integer, Path> files) {
    for (int i = a.size() - 1; i > 0; i--) {
      if (a.get(i).equals("-o")) return truth(a.subList(0, i), files) || truth(a.subList(i + 1, a.size()), files);
    }
    for (int i = a.size() - 1; i > 0; i--) {
      if (a.get(i).equals("-a")) return truth(a.subList(0, i), files) && truth(a.subList(i + 1, a.size()), files);
    }
    if (!a.isEmpty() && a.get(0).equals("!")) return !truth(a.subList(1, a.size()), files);
    switch (a.size()) {
      case 0: return false;
      case 1: return !a.get(0).isEmpty();
      case 2: {
        String v = a.get(1);
        Path p = files.apply(v, 0);
        return switch (a.get(0)) {
          case "-z" -> v.isEmpty();
          case "-n" -> !v.isEmpty();
          case "-e" -> Files.exists(p);
          case "-f" -> Files.isRegularFile(p);
          case "-d" -> Files.isDirectory(p);
          case "-s" -> Files.isRegularFile(p) && p.toFile().length() > 0;
          case "-r", "-w" -> Files.exists(p);
          case "-x" -> Files.isDirectory(p);
          default -> throw new IllegalArgumentException(a.get(0) + ": unexpected operator");
        };
      }
      case 3: {
        String x = a.get(0);
        String y = a.get(2);
        return switch (a.get(1)) {
          case "=", "==" -> x.equals(y);
          case "!=" -> !x.equals(y);
          case "-eq" -> Long.parseLong(x.strip()) == Long.parseLong(y.strip());
          case "-ne" -> Long.parseLong(x.strip()) != Long.parseLong(y.strip());
          case "-lt" -> Long.parseLong(x.strip()) < Long.parseLong(y.strip());
          case "-le" -> Long.parseLong(x.strip()) <= Long.parseLong(y.strip());
          case "-gt" -> Long.parseLong(x.strip()) > Long.parseLong(y.strip());
          case "-ge" -> Long.parseLong(x.strip()) >= Long.parseLong(y.strip());
          default -> throw new IllegalArgumentException(a.get(1) + ": unexpected operator");
        };
      }
      default:
        throw new IllegalArgumentException("too many arguments");
    }
  }
}
