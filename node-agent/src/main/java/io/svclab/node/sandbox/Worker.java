package io.svclab.node.sandbox;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One of a session's helper threads (its output reader, its input writer): a daemon thread that
 * can be asked to stop at its next poll, waited for with a ceiling, or left to end on its own.
 * A failure to reach the client (it went away) runs {@code onClientGone}.
 */
final class Worker {
  interface Body {
    void run(BooleanSupplier stopRequested) throws IOException;
  }

  private final Thread thread;
  private final AtomicBoolean stop = new AtomicBoolean();

  private Worker(String name, Body body, Runnable onClientGone) {
    thread = new Thread(() -> {
      try {
        body.run(stop::get);
      } catch (IOException | RuntimeException e) {
        onClientGone.run();
      }
    }, name);
    thread.setDaemon(true);
  }

  static Worker start(String name, Body body, Runnable onClientGone) {
    Worker w = new Worker(name, body, onClientGone);
    w.thread.start();
    return w;
  }

  /** Waits up to {@code millis} for the thread to end by itself, then asks it to stop and waits for that. */
  void finish(long millis) {
    try {
      thread.join(millis);
      if (thread.isAlive()) {
        stop.set(true);
        thread.join(millis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocked on the client (its stdin): it ends when the exchange is closed after the exit code is sent. */
  void abandon() {
    stop.set(true);
  }
}
