package io.svclab.client.admin;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one svclab process: what it started is registered here, and SIGTERM
 * (or SIGINT, or {@link #stop()}) closes it all in reverse order within 2 s.
 *
 * <pre>
 * ServiceProcess process = ServiceProcess.start("endpoints-controller");
 * ManagedChannel channel = process.register("api channel", ApiChannels.forTarget(api), ch -> ch.shutdownNow());
 * AdminServer admin = process.register("admin", AdminServer.start(host, port, () -> true, informer::hasSynced));
 * ...
 * process.awaitTermination();   // main thread parks here until the process is told to stop
 * </pre>
 */
public final class ServiceProcess {
  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
  public static final Duration STOP_BUDGET = Duration.ofSeconds(2);

  private final String name;
  private final ShutdownSequence sequence;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean stopping;

  private ServiceProcess(String name, Duration budget) {
    this.name = name;
    // 100 ms kept back per later closer: on a loaded machine a hung step must not leave the channel none
    this.sequence = new ShutdownSequence(budget, Duration.ofMillis(100));
    this.hook = new Thread(this::stop, name + "-shutdown");
  }

  /**
   * Installs the JVM shutdown hook (SIGTERM, SIGINT), names the process in its apiserver channels'
   * user-agent (its first word: {@code node-agent node-1} -> {@code node-agent}) and returns the process handle.
   */
  public static ServiceProcess start(String name) {
    ServiceProcess process = new ServiceProcess(name, STOP_BUDGET);
    ApiChannels.nameCaller(name.split(" ", 2)[0]);
    Runtime.getRuntime().addShutdownHook(process.hook);
    log.info("{} starting (pid {})", name, ProcessHandle.current().pid());
    process.exitWithSupervisor(Long.getLong("svclab.supervisor.pid", 0));
    return process;
  }

  /**
   * {@code ./lab up} passes its pid: when it is gone (kill -9, a closed terminal) this process
   * stops too, instead of holding the lab's ports with nobody to stop it. Polled, because the
   * supervisor is not our child; the start instant guards against a reused pid.
   */
  private void exitWithSupervisor(long pid) {
    if (pid <= 0) {
      return;
    }
    var supervisor = ProcessHandle.of(pid);
    var startedAt = supervisor.flatMap(h -> h.info().startInstant());
    Thread watch = new Thread(() -> {
      while (!stopping) {
        var now = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (now.isEmpty() || !now.flatMap(h -> h.info().startInstant()).equals(startedAt)) {
          log.warn("{}: its supervisor (pid {}) is gone; stopping", name, pid);
          System.exit(0);  // the shutdown hook runs stop()
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, name + "-supervisor-watch");
    watch.setDaemon(true);
    watch.start();
  }

  /** Registers something to close at stop; returns it for inline use. */
  public <C extends AutoCloseable> C register(String what, C closeable) {
    sequence.add(what, closeable);
    return closeable;
  }

  /** Registers an object whose stop action is not {@code close()} (e.g. a channel's shutdownNow). */
  public <C> C register(String what, C resource, java.util.function.Consumer<C> stopAction) {
    sequence.add(what, () -> stopAction.accept(resource));
    return resource;
  }

  public boolean isStopping() { return stopping; }

  /** Closes everything registered (once), within the stop budget. */
  public void stop() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    long started = System.nanoTime();
    log.info("{} stopping", name);
    var failed = sequence.run();
    log.info("{} stopped in {} ms{}", name, (System.nanoTime() - started) / 1_000_000,
        failed.isEmpty() ? "" : " (not cleanly: " + String.join(", ", failed) + ")");
    stopped.countDown();
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook will find us stopped
      }
    }
  }

  /** Blocks until {@link #stop()} has run (from the shutdown hook or elsewhere). */
  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }
}
