package io.svclab.node.shell;

import java.util.List;
import java.util.Map;

/** How a {@code /bin/sh -c} script ended. */
public sealed interface ShellOutcome {
  /** The script replaced itself ({@code exec}, or its last command) with a long-running program. */
  record Exec(List<String> argv, Map<String, String> env) implements ShellOutcome {}

  /** The script ran to its end; the container exits with this code. */
  record Exited(int code) implements ShellOutcome {}

  /** The script used something the built-in shell cannot run: the container fails with this message. */
  record Failed(int code, String message) implements ShellOutcome {}
}
