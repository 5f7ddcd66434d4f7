package io.svclab.cli;

import io.svclab.cli.logs.LogFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab logs COMPONENT|NS/POD|POD -n NS [-f] [--tail N]}: a process's log, or a pod container's. */
@Command(name = "logs", description = "Print a component's log (apiserver, node-agent-1...) or a pod's (NS/POD, or POD -n NS).")
public final class LogsCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "A component (see ./lab status), NS/POD, or POD")
  String target;

  @Option(names = {"-n", "--namespace"}, description = "Namespace of the pod (default: default).")
  String namespace;

  @Option(names = {"-c", "--container"}, description = "Container of the pod (default: its first).")
  String container;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
  boolean follow;

  @Option(names = "--tail", defaultValue = "-1", description = "Lines from the end to show; -1 for all.")
  int tail;

  @Option(names = "--data", description = "Data directory of the lab (default: the running lab's).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Path dataDir = LabPaths.runningLab(data);
    Optional<Path> file;
    String what;
    if (!target.contains("/") && namespace == null && LogFiles.component(dataDir, target).isPresent()) {
      file = LogFiles.component(dataDir, target);
      what = "component";
    } else {
      String ns = target.contains("/") ? target.substring(0, target.indexOf('/')) : namespace == null ? "default" : namespace;
      String pod = target.contains("/") ? target.substring(target.indexOf('/') + 1) : target;
      file = LogFiles.pod(dataDir, ns, pod, container);
      what = "pod";
      if (file.isEmpty()) {
        System.err.println("error: no log for pod \"" + pod + "\" in namespace \"" + ns + "\" under " + dataDir.resolve("nodes")
            + "; components with logs: " + String.join(", ", LogFiles.components(dataDir)));
        return 1;
      }
    }
    if (file.isEmpty()) {
      System.err.println("error: no " + what + " log for " + target);
      return 1;
    }
    List<String> lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
    LogFiles.tail(lines, tail).forEach(System.out::println);
    System.out.flush();
    if (follow) {
      follow(file.get(), Files.size(file.get()));
    }
    return 0;
  }

  /** Prints what is appended after {@code offset}, polling, until the process is interrupted (Ctrl-C). */
  private static void follow(Path file, long offset) throws IOException, InterruptedException {
    long position = offset;
    while (!Thread.currentThread().isInterrupted()) {
      long size = Files.size(file);
      if (size < position) {
        position = 0;  // truncated or replaced: start again from its beginning, as tail -F
      }
      if (size > position) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
          in.seek(position);
          byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
          in.readFully(bytes);
          position += bytes.length;
          System.out.write(bytes);
          System.out.flush();
        }
      }
      Thread.sleep(200);
    }
  }
}
