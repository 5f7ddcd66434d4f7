package io.svclab.node.shell;

/**
 * The shells of the images, which differ where a user sees it: how they word "not found" and
 * whether {@code {1..5}} expands (bash does; busybox ash and dash do not).
 */
enum ShellDialect {
  /** busybox ash: {@code sh: frobnicate: not found}. */
  ASH("sh", false),
  /** Debian's dash: {@code sh: 1: frobnicate: not found}. */
  DASH("sh", false),
  /** bash 5: {@code bash: line 1: frobnicate: command not found}. */
  BASH("bash", true);

  final String name;
  final boolean braceExpansion;

  ShellDialect(String name, boolean braceExpansion) {
    this.name = name;
    this.braceExpansion = braceExpansion;
  }

  String notFound(String command, int line) {
    return switch (this) {
      case ASH -> "sh: " + command + ": not found";
      case DASH -> "sh: " + line + ": " + command + ": not found";
      case BASH -> "bash: line " + line + ": " + command + ": command not found";
    };
  }

  /** A message about {@code what} in this shell's prefix ({@code sh: 1: }, {@code sh: }, {@code bash: line 1: }). */
  String message(int line, String what) {
    return switch (this) {
      case ASH -> "sh: " + what;
      case DASH -> "sh: " + line + ": " + what;
      case BASH -> "bash: line " + line + ": " + what;
    };
  }
}
