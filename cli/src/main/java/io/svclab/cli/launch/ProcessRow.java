package io.svclab.cli.launch;

/**
 * One process of a running lab, as {@code processes.tsv} records it; {@code netns} is the network
 * namespace its health URL is reached in ("" for the lab's own).
 */
public record ProcessRow(String name, long pid, String healthUrl, String listens, long startedAtMillis, String netns) {
  public ProcessRow(String name, long pid, String healthUrl, String listens, long startedAtMillis) {
    this(name, pid, healthUrl, listens, startedAtMillis, "");
  }
}
