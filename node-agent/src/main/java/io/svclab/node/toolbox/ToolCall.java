package io.svclab.node.toolbox;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One run of a tool: its name and arguments, its standard streams, its environment, and the pod it
 * runs in ({@code files} maps a path inside the container to the file under its root).
 */
public record ToolCall(String name, List<String> args, InputStream in, PrintStream out, PrintStream err,
    Map<String, String> env, Pod pod, Function<String, Path> files) {

  /** The pod's identity: every connection starts from its IP, names resolve through its /etc files. */
  public record Pod(String hostname, String podIp, Path root, Clock clock) {}
}
