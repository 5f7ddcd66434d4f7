package io.svclab.node.images;

import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A running built-in container: its sockets and how it ends. Exit codes as a process's. */
public final class Workload {
  private final List<Channel> channels;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final int stopCode;
  private volatile ScheduledFuture<?> timer;

  Workload(List<Channel> channels, int stopCode) {
    this.channels = channels;
    this.stopCode = stopCode;
  }

  void setTimer(ScheduledFuture<?> timer) { this.timer = timer; }

  /** Completes with the exit code when the program ends by itself or is stopped. */
  public CompletableFuture<Integer> exited() { return exit; }

  /** The program ends with {@code code} (e.g. agnhost's /exit, a finite sleep). */
  void exit(int code) {
    closeAll();
    exit.complete(code);
  }

  /** SIGTERM: servers shut down cleanly (0); idle programs like sleep ignore it and are killed (137). */
  public void stop() {
    closeAll();
    exit.complete(stopCode);
  }

  private void closeAll() {
    ScheduledFuture<?> t = timer;
    if (t != null) t.cancel(false);
    for (Channel c : channels) {
      c.close().awaitUninterruptibly(1000);
    }
  }
}
