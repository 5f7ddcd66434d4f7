package io.svclab.cli.topology;

import java.util.List;

/**
 * One process of the lab: what runs, with which arguments, and where it can be seen.
 *
 * @param name unique, e.g. {@code apiserver}, {@code node-agent-1}
 * @param mainClass the process's entry point on the shared classpath
 * @param args its command-line flags
 * @param listens human-readable addresses it serves (for the start-up table and status)
 * @param healthUrl the admin endpoint that says it is healthy
 * @param netns the network namespace it runs in ({@code ./lab up --netns}: node N's agent and proxy
 *     in {@code svclab-node-N}); null: the lab's own
 * @param executable a program that is no JVM of ours ({@code /usr/bin/etcd}), run with {@code args}
 *     alone; such a dependency is started, and healthy, before the lab's own processes. Null: a
 *     JVM running {@code mainClass}
 */
public record Component(String name, String mainClass, List<String> args, List<String> listens, String healthUrl,
    String netns, String executable) {
  public Component(String name, String mainClass, List<String> args, List<String> listens, String healthUrl, String netns) {
    this(name, mainClass, args, listens, healthUrl, netns, null);
  }

  public Component(String name, String mainClass, List<String> args, List<String> listens, String healthUrl) {
    this(name, mainClass, args, listens, healthUrl, null, null);
  }

  /** A program the lab depends on (etcd), not one of its JVMs. */
  public static Component dependency(String name, String executable, List<String> args, List<String> listens, String healthUrl) {
    return new Component(name, executable, args, listens, healthUrl, null, executable);
  }

  public boolean external() {
    return executable != null;
  }
}
