package io.svclab.node.images;

import io.netty.channel.Channel;
import io.svclab.node.images.Program.ServerKind;
import io.svclab.node.network.PodNetwork;
import io.svclab.node.sandbox.LoggedStreams;
import io.svclab.node.sandbox.SandboxCommand;
import io.svclab.node.sandbox.SandboxSession;
import io.svclab.node.shell.ShellContext;
import io.svclab.node.shell.ShellInterpreter;
import io.svclab.node.shell.ShellOutcome;
import io.svclab.node.terminal.AttachPoints;
import io.svclab.node.terminal.TerminalSession;
import io.svclab.node.toolbox.ImageTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts built-in containers: prepares the container's root directory as its image would
 * have it, runs {@code sh -c} scripts through the built-in shell, and binds the servers on
 * the pod IP. Blocking (binds, file writes): call it off the actor.
 */
public final class WorkloadLauncher {
  private final NettyServers servers;
  private final ScheduledExecutorService timers;
  private final Clock clock;
  private final AttachPoints attachPoints;
  private final PodNetwork network;

  public WorkloadLauncher(NettyServers servers, ScheduledExecutorService timers, Clock clock,
      AttachPoints attachPoints, PodNetwork network) {
    this.network = network;
    this.servers = servers;
    this.timers = timers;
    this.clock = clock;
    this.attachPoints = attachPoints;
  }

  /**
   * Everything a container start needs. {@code attachKey} is {@link AttachPoints#key} for a
   * container with {@code stdin: true}, empty otherwise.
   */
  public record Spec(ImageCatalog.Resolved image, List<String> argv, Map<String, String> env, String hostname,
      String podIp, String namespace, Path rootfs, List<Integer> declaredTcpPorts, Consumer<String> log,
      String clusterDns, String attachKey) {}

  public LaunchResult launch(Spec spec) {
    try {
      prepareRoot(spec);
    } catch (IOException e) {
      return new LaunchResult.Failed(128, "StartError", "cannot prepare the container filesystem: " + e.getMessage());
    }
    try {
      network.ready(spec.podIp());
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      String message = "Failed to create pod sandbox: " + e.getMessage();
      spec.log().accept(message);
      return new LaunchResult.Failed(128, "StartError", message);
    }
    if (!spec.attachKey().isEmpty() && !Programs.isLongRunning(spec.image().builtin(), spec.argv())) {
      return awaitAttach(spec);
    }
    Program program = Programs.resolve(spec.image().builtin(), spec.argv(), spec.env());
    Map<String, String> env = spec.env();
    if (program instanceof Program.Shell sh) {
      ShellContext ctx = new ShellContext(env, spec.hostname(), spec.podIp(), spec.rootfs(), spec.log(), clock,
          argv -> Programs.isLongRunning(spec.image().builtin(), argv), ImageTools.of(spec.image().ref().path()));
      ShellOutcome outcome = ShellInterpreter.run(sh.script(), sh.positional(), ctx);
      if (outcome instanceof ShellOutcome.Exited x) {
        return new LaunchResult.Exited(x.code(), "");
      }
      if (outcome instanceof ShellOutcome.Failed f) {
        spec.log().accept(f.message());
        return new LaunchResult.Failed(f.code(), "Error", f.message());
      }
      ShellOutcome.Exec exec = (ShellOutcome.Exec) outcome;
      env = exec.env();
      program = Programs.resolve(spec.image().builtin(), exec.argv(), env);
    }
    return start(program, spec, env);
  }

  /**
   * A container with stdin open runs its program when a client attaches (kubectl run -i/-it), so
   * neither a one-shot script's output nor the first prompt is written before anyone reads; its
   * output goes to the container log as well. It is Running (and Ready) while it waits.
   */
  private LaunchResult awaitAttach(Spec spec) {
    Workload w = new Workload(List.of(), 137);
    ShellPrompts.Profile profile = ShellPrompts.of(spec.image().ref());
    Optional<Path> netns = network.namespaceFile(spec.podIp());
    AttachPoints.Waiting waiting = netns.isPresent() ? (io, tty) -> {
      // the host's real program in the pod's namespaces (./lab up --netns); its output in the log too
      int code = SandboxSession.run(new SandboxCommand(netns.get(), spec.rootfs(), spec.hostname(), profile.workdir(),
          spec.argv()), spec.env(), true, tty, new LoggedStreams(io, spec.log()));
      w.exit(code);
      return code;
    } : (io, tty) -> {
      int code = TerminalSession.run(new TerminalSession.Request(spec.argv(), true, tty,
          out -> new ShellContext(spec.env(), spec.hostname(), spec.podIp(), spec.rootfs(), line -> {
            spec.log().accept(line);
            out.accept(line);
          }, clock, argv -> false, ImageTools.of(spec.image().ref().path())),
          profile.workdir(), (shell, cwd) -> profile.prompt(shell, spec.hostname(), cwd)), io);
      w.exit(code);
      return code;
    };
    attachPoints.offer(spec.attachKey(), waiting);
    w.exited().whenComplete((code, err) -> attachPoints.withdraw(spec.attachKey(), waiting));
    return new LaunchResult.Running(w);
  }

  private LaunchResult start(Program program, Spec spec, Map<String, String> env) {
    if (program instanceof Program.Exit x) {
      x.output().forEach(spec.log());
      return new LaunchResult.Exited(x.code(), "");
    }
    if (program instanceof Program.Unsupported u) {
      spec.log().accept(u.message());
      return new LaunchResult.Failed(u.exitCode(), u.exitCode() == 128 ? "StartError" : "Error", u.message());
    }
    if (program instanceof Program.Shell) {
      return new LaunchResult.Failed(126, "Error", "a script may not exec another shell script");
    }
    if (program instanceof Program.Idle idle) {
      Workload w = new Workload(List.of(), 137);
      if (idle.duration() != null) {
        w.setTimer(timers.schedule(() -> w.exit(0), Math.max(1, idle.duration().toMillis()), TimeUnit.MILLISECONDS));
      }
      return new LaunchResult.Running(w);
    }
    Program.Serve serve = (Program.Serve) program;
    List<Channel> channels = new ArrayList<>();
    Workload[] self = new Workload[1];
    try {
      Set<Integer> ports = new LinkedHashSet<>();
      if (serve.httpPort() > 0) ports.add(serve.httpPort());
      if (serve.kind() == ServerKind.NGINX || serve.kind() == ServerKind.HTTPD || serve.kind() == ServerKind.EALEN_ECHO) {
        ports.addAll(spec.declaredTcpPorts()); // a declared containerPort is served too (see README)
      }
      NettyServers.HttpApp app = app(serve, spec, env, code -> self[0].exit(code));
      for (int port : ports) {
        channels.add(servers.http(spec.podIp(), port, app));
      }
      if (serve.udpPort() > 0) {
        String host = spec.hostname();
        channels.add(servers.udp(spec.podIp(), serve.udpPort(), (text, sender) -> serve.kind() == ServerKind.SERVE_HOSTNAME
            ? host : HttpApps.netexecUdp(host, text, sender)));
      }
    } catch (Exception e) {
      channels.forEach(Channel::close);
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      String message = bindMessage(serve, spec, e);
      spec.log().accept(message);
      return new LaunchResult.Failed(1, "Error", message);
    }
    startupLines(serve, spec);
    self[0] = new Workload(channels, 0);
    return new LaunchResult.Running(self[0]);
  }

  private NettyServers.HttpApp app(Program.Serve serve, Spec spec, Map<String, String> env,
      java.util.function.IntConsumer exit) {
    String version = spec.image().version("latest");
    return switch (serve.kind()) {
      case NGINX -> new HttpApps.StaticFiles(spec.rootfs().resolve("usr/share/nginx/html"),
          "nginx/" + HttpApps.nginxVersion(spec.image().ref().tag()), false, spec.log(), clock);
      case HTTPD -> new HttpApps.StaticFiles(spec.rootfs().resolve("usr/local/apache2/htdocs"),
          "Apache/" + (version.equals("latest") || !version.contains(".") ? "2.4.62" : version) + " (Unix)", true, spec.log(), clock);
      case NETEXEC -> new HttpApps.Netexec(spec.hostname(), env, exit, clock);
      case LIVENESS -> new HttpApps.Liveness(clock);
      case SERVE_HOSTNAME -> HttpApps.hostname(spec.hostname());
      case ECHOSERVER -> HttpApps.echoserver(spec.hostname());
      case EALEN_ECHO -> HttpApps.ealenEcho(spec.hostname(), spec.podIp(), env);
      case HTTP_ECHO -> HttpApps.httpEcho(serve.options().getOrDefault("text", ""));
    };
  }

  private static String bindMessage(Program.Serve serve, Spec spec, Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String where = spec.podIp() + ":" + serve.httpPort();
    if (serve.kind() == ServerKind.NGINX) {
      return "nginx: [emerg] bind() to " + where + " failed (" + reason + ")";
    }
    return "listen tcp " + where + ": bind: " + reason;
  }

  private void startupLines(Program.Serve serve, Spec spec) {
    String now = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT)
        .format(ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC));
    switch (serve.kind()) {
      case NGINX -> {
        spec.log().accept("/docker-entrypoint.sh: Configuration complete; ready for start up");
        spec.log().accept(now + " [notice] 1#1: nginx/" + HttpApps.nginxVersion(spec.image().ref().tag()));
        spec.log().accept(now + " [notice] 1#1: start worker processes");
      }
      case NETEXEC -> spec.log().accept("I0101 netexec.go] Started HTTP server on port " + serve.httpPort()
          + (serve.udpPort() > 0 ? "; Started UDP server on port " + serve.udpPort() : ""));
      case HTTP_ECHO -> spec.log().accept(now + " [INFO] server is listening on :" + serve.httpPort());
      default -> spec.log().accept("listening on " + spec.podIp() + ":" + serve.httpPort());
    }
  }

  /** A fresh root for this container start, with what its image ships that matters here. */
  private static void prepareRoot(Spec spec) throws IOException {
    Path root = spec.rootfs();
    if (Files.exists(root)) {
      try (var walk = Files.walk(root)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
    Files.createDirectories(root.resolve("tmp"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("var/log"));
    Files.createDirectories(root.resolve(ShellPrompts.of(spec.image().ref()).workdir().substring(1)));
    String search = spec.namespace() + ".svc.cluster.local svc.cluster.local cluster.local";
    Files.writeString(root.resolve("etc/resolv.conf"), "search " + search + "\nnameserver " + spec.clusterDns()
        + "\noptions ndots:5\n", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("etc/hostname"), spec.hostname() + "\n", StandardCharsets.UTF_8);
    // kubelet's managedHostsFileContent, IPv6 lines included, so `cat /etc/hosts` reads as in a real pod
    Files.writeString(root.resolve("etc/hosts"), "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
        + "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\n"
        + "fe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n"
        + spec.podIp() + "\t" + spec.hostname() + "\n", StandardCharsets.UTF_8);
    switch (spec.image().builtin()) {
      case NGINX -> {
        Path html = Files.createDirectories(root.resolve("usr/share/nginx/html"));
        Files.writeString(html.resolve("index.html"), HttpApps.nginxIndex(HttpApps.nginxVersion(spec.image().ref().tag())));
        Files.writeString(html.resolve("50x.html"), HttpApps.NGINX_50X);
        Files.createDirectories(root.resolve("etc/nginx/conf.d"));
        Files.createDirectories(root.resolve("var/log/nginx"));
      }
      case HTTPD -> {
        Path html = Files.createDirectories(root.resolve("usr/local/apache2/htdocs"));
        Files.writeString(html.resolve("index.html"), HttpApps.HTTPD_INDEX);
      }
      default -> { }
    }
  }
}
