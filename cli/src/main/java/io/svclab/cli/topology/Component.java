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
 */
public record Component(String name, String mainClass, List<String> args, List<String> listens, String healthUrl) {}
