package io.svclab.client.controller;

import com.google.protobuf.Message;
import io.svclab.client.actors.ProcessActors;
import io.svclab.client.controller.ControllerCommand.CachesSynced;
import io.svclab.client.controller.ControllerCommand.Enqueue;
import io.svclab.client.controller.ControllerCommand.EnqueueAfter;
import io.svclab.client.controller.ControllerCommand.Stop;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.ResourceEventHandler;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * informers -> queue -> {@link Reconciler}: the shape of every svclab controller.
 *
 * <pre>
 * ProcessActors actors = process.register("actors", ProcessActors.start("endpoints-controller"));
 * Controller c = new Controller(actors, ControllerOptions.named("endpoints").withWorkers(4), reconciler)
 *     .watch(services)                                   // key = namespace/name
 *     .watch(pods, pod -> servicesSelecting(pod));       // keys of the objects to reconcile
 * c.start();   // spawns the controller's actor, starts the informers, reconciles once they have synced
 * ...
 * c.stop();    // bounded: stops the actor, waits briefly for running reconciles
 * </pre>
 * The controller's {@link ControllerActor} is a child of the process' one ActorSystem
 * ({@link ProcessActors}); each start spawns a fresh one, so a controller can start again after
 * it stopped (leadership lost and won back).
 */
public final class Controller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  private final ProcessActors actors;
  private final ControllerOptions options;
  private final Reconciler reconciler;
  private final List<Informer<?>> informers = new CopyOnWriteArrayList<>();
  private volatile ActorRef<ControllerCommand> actor;
  private ExecutorService executor;

  public Controller(ProcessActors actors, ControllerOptions options, Reconciler reconciler) {
    this.actors = actors;
    this.options = options;
    this.reconciler = reconciler;
  }

  /** Reconciles the changed object itself: its key is {@code namespace/name}. */
  public <T extends Message> Controller watch(Informer<T> informer) {
    return watch(informer, o -> List.of(informer.kind().key(o)));
  }

  /**
   * Reconciles the keys {@code keysOf} maps a changed object to (e.g. a Pod to the Services
   * selecting it). For updates, keys of both the old and the new state are enqueued, so an
   * object that stopped matching is reconciled too.
   */
  public <T extends Message> Controller watch(Informer<T> informer, Function<T, Collection<String>> keysOf) {
    informers.add(informer);
    informer.addHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        keysOf.apply(object).forEach(Controller.this::enqueue);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        keysOf.apply(oldObject).forEach(Controller.this::enqueue);
        keysOf.apply(newObject).forEach(Controller.this::enqueue);
      }

      @Override
      public void onDelete(T lastKnown) {
        keysOf.apply(lastKnown).forEach(Controller.this::enqueue);
      }
    });
    return this;
  }

  public void enqueue(String key) {
    ActorRef<ControllerCommand> a = actor;
    if (a != null) {
      a.tell(new Enqueue(key));
    }
  }

  public void enqueueAfter(String key, Duration delay) {
    ActorRef<ControllerCommand> a = actor;
    if (a != null) {
      a.tell(new EnqueueAfter(key, delay));
    }
  }

  /** Spawns the actor and starts the watched informers; reconciles begin once all have synced. */
  public synchronized Controller start() {
    if (actor != null) {
      return this;
    }
    executor = Executors.newFixedThreadPool(options.workers(), workerThreads(options.name()));
    ActorRef<ControllerCommand> a = actors.spawn(ControllerActor.create(reconciler, options, executor), options.name());
    actor = a;
    informers.forEach(Informer::start);
    CompletableFuture.allOf(informers.stream().map(Informer::synced).toArray(CompletableFuture[]::new))
        .thenRun(() -> a.tell(new CachesSynced()));
    log.info("{}: started with {} workers, watching {} informers", options.name(), options.workers(), informers.size());
    return this;
  }

  /**
   * Stops reconciling: no new reconciles start, running ones get up to {@code grace} to
   * finish. Informers are left running (they may be shared); stop them separately.
   */
  public synchronized void stop(Duration grace) {
    ActorRef<ControllerCommand> a = actor;
    if (a == null) {
      return;
    }
    actor = null;
    long deadline = System.nanoTime() + grace.toNanos();
    executor.shutdown();
    try {
      AskPattern.ask(a, Stop::new, grace, actors.scheduler()).toCompletableFuture()
          .get(remaining(deadline), TimeUnit.NANOSECONDS);
      if (!executor.awaitTermination(remaining(deadline), TimeUnit.NANOSECONDS)) {
        executor.shutdownNow();
        log.warn("{}: reconciles still running after {} ms, interrupted", options.name(), grace.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    } catch (Exception e) {
      executor.shutdownNow();
      log.warn("{}: actor did not stop within {} ms", options.name(), grace.toMillis());
    }
    log.info("{}: stopped", options.name());
  }

  public void stop() {
    stop(Duration.ofSeconds(1));
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return options.name();
  }

  private static long remaining(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  private static ThreadFactory workerThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
