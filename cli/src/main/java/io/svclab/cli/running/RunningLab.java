package io.svclab.cli.running;

import java.nio.file.Path;

/** A lab that recorded itself when it started: its launcher's pid, its data dir, when it started (epoch ms). */
public record RunningLab(long pid, Path dataDir, long startedAtMillis) {}
