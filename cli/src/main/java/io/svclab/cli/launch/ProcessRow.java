package io.svclab.cli.launch;

/** One process of a running lab, as {@code processes.tsv} records it. */
public record ProcessRow(String name, long pid, String healthUrl, String listens, long startedAtMillis) {}
