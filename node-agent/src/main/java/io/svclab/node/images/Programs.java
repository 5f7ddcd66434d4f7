package io.svclab.node.images;

import io.svclab.node.images.Program.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a container's argv (its command, or the image's entrypoint, followed by its args, or
 * the image's cmd, as a runtime combines them) as one of the programs a built-in image has.
 */
public final class Programs {
  private Programs() {}

  /** The argv a runtime would exec: command/args from the pod, entrypoint/cmd from the image. */
  public static List<String> argv(BuiltinImage image, List<String> command, List<String> args) {
    List<String> argv = new ArrayList<>();
    if (!command.isEmpty()) {
      argv.addAll(command);
      argv.addAll(args);
    } else {
      argv.addAll(image.entrypoint());
      argv.addAll(args.isEmpty() ? image.cmd() : args);
    }
    return argv;
  }

  public static boolean isLongRunning(BuiltinImage image, List<String> argv) {
    Program p = resolve(image, argv, Map.of());
    return p instanceof Program.Serve || p instanceof Program.Idle;
  }

  public static Program resolve(BuiltinImage image, List<String> argv, Map<String, String> env) {
    if (argv.isEmpty()) {
      return new Program.Unsupported(128, "no command specified");
    }
    String name = base(argv.get(0));
    List<String> args = argv.subList(1, argv.size());
    switch (name) {
      case "sh", "bash", "ash", "dash", "zsh" -> {
        if (args.isEmpty()) {
          return new Program.Exit(0, List.of()); // no terminal: the shell reads EOF and exits
        }
        if (args.get(0).matches("-[a-z]*c[a-z]*")) {
          if (args.size() < 2) return new Program.Unsupported(2, name + ": -c: option requires an argument");
          List<String> positional = args.size() > 2 ? args.subList(2, args.size()) : List.of(name);
          return new Program.Shell(args.get(1), List.copyOf(positional));
        }
        return new Program.Unsupported(127, name + " " + args.get(0) + ": the built-in shell runs only 'sh -c SCRIPT'");
      }
      case "sleep" -> {
        if (args.isEmpty()) return new Program.Exit(1, List.of("sleep: missing operand"));
        if (args.get(0).equals("infinity") || args.get(0).equals("inf")) return new Program.Idle(null);
        Duration d = duration(args.get(0));
        return d == null ? new Program.Exit(1, List.of("sleep: invalid time interval '" + args.get(0) + "'"))
            : new Program.Idle(d);
      }
      case "tail" -> {
        if (args.contains("-f") && args.contains("/dev/null")) return new Program.Idle(null);
      }
      case "pause" -> {
        return new Program.Idle(null);
      }
      case "echo" -> {
        return new Program.Exit(0, List.of(String.join(" ", args)));
      }
      case "true" -> {
        return new Program.Exit(0, List.of());
      }
      case "false" -> {
        return new Program.Exit(1, List.of());
      }
      default -> { }
    }
    switch (image) {
      case NGINX, ECHOSERVER -> {
        if (name.equals("docker-entrypoint.sh") && !args.isEmpty()) {
          return resolve(image, args, env);
        }
        if (name.equals("nginx") || name.equals("nginx-debug")) {
          String g = flag(args, "-g");
          if (args.contains("-t") || args.contains("-v") || args.contains("-V")) {
            return new Program.Exit(0, List.of("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok",
                "nginx: configuration file /etc/nginx/nginx.conf test is successful"));
          }
          if (g == null || !g.replace(" ", "").contains("daemonoff;")) {
            // without "daemon off;" nginx forks into the background and the container's main process exits
            return new Program.Exit(0, List.of());
          }
          return new Program.Serve(image == BuiltinImage.ECHOSERVER ? ServerKind.ECHOSERVER : ServerKind.NGINX,
              image == BuiltinImage.ECHOSERVER ? 8080 : 80, -1, Map.of());
        }
      }
      case HTTPD -> {
        if (name.equals("httpd-foreground") || name.equals("httpd") && args.contains("-DFOREGROUND")) {
          return new Program.Serve(ServerKind.HTTPD, 80, -1, Map.of());
        }
      }
      case AGNHOST -> {
        if (name.equals("agnhost") && !args.isEmpty()) {
          return agnhost(args.get(0), args.subList(1, args.size()));
        }
      }
      case SERVE_HOSTNAME -> {
        if (name.equals("serve_hostname") || name.equals("serve-hostname")) {
          return serveHostname(args);
        }
      }
      case EALEN_ECHO_SERVER -> {
        if (name.equals("node") || name.equals("webserver")) {
          int port = parsePort(env.getOrDefault("PORT", "80"), 80);
          return new Program.Serve(ServerKind.EALEN_ECHO, port, -1, Map.of());
        }
      }
      case HTTP_ECHO -> {
        if (name.equals("http-echo")) {
          Map<String, String> flags = goFlags(args);
          String text = flags.get("text");
          if (text == null) {
            return new Program.Unsupported(127, "Missing -text option!");
          }
          String listen = flags.getOrDefault("listen", ":5678");
          int port = parsePort(listen.substring(listen.lastIndexOf(':') + 1), 5678);
          return new Program.Serve(ServerKind.HTTP_ECHO, port, -1, Map.of("text", text));
        }
      }
      case PAUSE, TOOLBOX -> { }
    }
    return new Program.Unsupported(127, "exec: \"" + argv.get(0) + "\": executable file not found in $PATH"
        + " (svclab's built-in " + image.name().toLowerCase() + " image does not have it)");
  }

  private static Program agnhost(String sub, List<String> args) {
    Map<String, String> flags = goFlags(args);
    switch (sub) {
      case "netexec":
        return new Program.Serve(ServerKind.NETEXEC, parsePort(flags.getOrDefault("http-port", "8080"), 8080),
            parsePort(flags.getOrDefault("udp-port", "8081"), 8081), Map.of());
      case "serve-hostname":
        return serveHostname(args);
      case "liveness":
        return new Program.Serve(ServerKind.LIVENESS, 8080, -1, Map.of());
      case "pause":
        return new Program.Idle(null);
      default:
        return new Program.Unsupported(127, "agnhost " + sub + ": svclab's built-in agnhost has only the subcommands "
            + "netexec, serve-hostname, liveness and pause");
    }
  }

  private static Program serveHostname(List<String> args) {
    Map<String, String> flags = goFlags(args);
    boolean udp = "true".equals(flags.get("udp"));
    int port = parsePort(flags.getOrDefault("port", "9376"), 9376);
    boolean http = !"false".equals(flags.get("http"));
    return new Program.Serve(ServerKind.SERVE_HOSTNAME, http ? port : -1, udp ? port : -1, Map.of());
  }

  /** Go's flag package: -name=value, --name=value, -name value, -bool. */
  static Map<String, String> goFlags(List<String> args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-")) continue;
      String body = a.replaceFirst("^--?", "");
      int eq = body.indexOf('=');
      if (eq >= 0) {
        flags.put(body.substring(0, eq), body.substring(eq + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
        flags.put(body, args.get(++i));
      } else {
        flags.put(body, "true");
      }
    }
    return flags;
  }

  private static String flag(List<String> args, String name) {
    int i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
  }

  static int parsePort(String s, int fallback) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static Duration duration(String s) {
    try {
      if (s.endsWith("s")) return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
      if (s.endsWith("m")) return Duration.ofSeconds((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 60));
      if (s.endsWith("h")) return Duration.ofSeconds((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 3600));
      if (s.endsWith("d")) return Duration.ofSeconds((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 86400));
      return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String base(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
