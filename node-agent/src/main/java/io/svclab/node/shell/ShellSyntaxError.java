package io.svclab.node.shell;

/** A script the built-in shell cannot parse; its message is sh's (exit code 2). */
final class ShellSyntaxError extends RuntimeException {
  ShellSyntaxError(String message) {
    super(message);
  }
}
