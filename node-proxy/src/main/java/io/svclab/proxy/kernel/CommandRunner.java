package io.svclab.proxy.kernel;

import java.util.List;

/**
 * Runs the kernel tools (iptables-restore, iptables-save, iptables, nft, conntrack): the kernel
 * proxiers' only effect ({@link ProcessRunner}; tests record and answer the commands instead).
 */
public interface CommandRunner {
  /** Runs {@code command} with {@code stdin} (may be null) on its standard input. */
  Result run(String stdin, List<String> command);

  /** The outcome of one run; {@code exitCode} is -1 when the program could not be started or timed out. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** One line: the command and what it said on stderr (or why it did not run). */
    public String summary() {
      String err = stderr.strip().replace('\n', ' ');
      return String.join(" ", command) + ": " + (err.isEmpty() ? "exit status " + exitCode : err);
    }
  }
}
