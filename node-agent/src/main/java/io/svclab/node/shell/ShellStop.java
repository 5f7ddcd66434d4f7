package io.svclab.node.shell;

/** Ends the script at once with {@code outcome} ({@code exit}, {@code exec}, a failed command), from any depth. */
final class ShellStop extends RuntimeException {
  final transient ShellOutcome outcome;

  ShellStop(ShellOutcome outcome) {
    super(null, null, false, false);
    this.outcome = outcome;
  }

  /** The script fails as sh reports it: {@code sh: LINE: MESSAGE}. */
  static ShellStop failure(int code, int line, String message) {
    return new ShellStop(new ShellOutcome.Failed(code, "sh: " + line + ": " + message));
  }
}
