package io.svclab.node.images;

/** What starting a container gave. */
public sealed interface LaunchResult {
  record Running(Workload workload) implements LaunchResult {}

  /** The program ran and ended straight away (a script, echo, nginx without daemon off). */
  record Exited(int code, String message) implements LaunchResult {}

  /** The program could not start (unknown command, unsupported shell, bind failure). */
  record Failed(int code, String reason, String message) implements LaunchResult {}
}
