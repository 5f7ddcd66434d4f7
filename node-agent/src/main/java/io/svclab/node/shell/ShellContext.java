package io.svclab.node.shell;

import io.svclab.node.toolbox.ImageTools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What a script sees: its environment, the pod's hostname and IP, a root directory that stands
 * for the container's filesystem ({@code /usr/share/nginx/html} is {@code root/usr/share/nginx/html}),
 * a sink for its output lines (the container log, for container start scripts), a clock, which
 * argv are long-running programs of the image that the script may hand over to, and which
 * programs the image has.
 */
public record ShellContext(Map<String, String> env, String hostname, String podIp, Path root,
    Consumer<String> output, Clock clock, Predicate<List<String>> longRunning, ImageTools tools) {

  /** A context for an image without a known tool table (Debian-like: dash and coreutils). */
  public ShellContext(Map<String, String> env, String hostname, String podIp, Path root,
      Consumer<String> output, Clock clock, Predicate<List<String>> longRunning) {
    this(env, hostname, podIp, root, output, clock, longRunning, ImageTools.DEFAULT);
  }
}
