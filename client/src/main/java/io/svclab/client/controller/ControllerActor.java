package io.svclab.client.controller;

import io.svclab.client.controller.ControllerAction.ScheduleRetry;
import io.svclab.client.controller.ControllerAction.StartReconcile;
import io.svclab.client.controller.ControllerCommand.CachesSynced;
import io.svclab.client.controller.ControllerCommand.Enqueue;
import io.svclab.client.controller.ControllerCommand.EnqueueAfter;
import io.svclab.client.controller.ControllerCommand.ReconcileFinished;
import io.svclab.client.controller.ControllerCommand.RetryDue;
import io.svclab.client.controller.ControllerCommand.Stop;
import io.svclab.client.workqueue.ExponentialBackoff;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Owns the controller's queue state. Reconciles run on {@code executor}, never on the
 * actor, and their outcome comes back as a {@link ReconcileFinished} message
 * (pipeToSelf), so the state is only ever touched by the actor. Back-off and requeue
 * delays are actor timers keyed by the object key.
 */
public final class ControllerActor {
  private final ActorContext<ControllerCommand> context;
  private final TimerScheduler<ControllerCommand> timers;
  private final Reconciler reconciler;
  private final Executor executor;
  private final ControllerDecisions decisions;
  private final String name;

  private ControllerActor(ActorContext<ControllerCommand> context, TimerScheduler<ControllerCommand> timers,
      Reconciler reconciler, ControllerOptions options, Executor executor) {
    this.context = context;
    this.timers = timers;
    this.reconciler = reconciler;
    this.executor = executor;
    this.name = options.name();
    this.decisions = new ControllerDecisions(options.workers(),
        new ExponentialBackoff<>(options.baseDelay(), options.maxDelay()));
  }

  /**
   * The actor; spawn it in any ActorSystem (svclab processes: as a child of {@code ProcessActors}). Reconciles start only after {@link CachesSynced}.
   * {@code executor} should have at least {@code options.workers()} threads.
   */
  public static Behavior<ControllerCommand> create(Reconciler reconciler, ControllerOptions options, Executor executor) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new ControllerActor(ctx, timers, reconciler, options, executor).receive()));
  }

  private Behavior<ControllerCommand> receive() {
    return Behaviors.receive(ControllerCommand.class)
        .onMessage(Enqueue.class, m -> run(decisions.enqueue(m.key())))
        .onMessage(EnqueueAfter.class, m -> run(decisions.enqueueAfter(m.key(), m.delay(), now())))
        .onMessage(CachesSynced.class, m -> {
          context.getLog().info("{}: caches synced, starting reconciles", name);
          return run(decisions.cachesSynced());
        })
        .onMessage(RetryDue.class, m -> run(decisions.retryDue(m.key())))
        .onMessage(ReconcileFinished.class, this::onFinished)
        .onMessage(Stop.class, m -> {
          m.replyTo().tell(Done.getInstance());
          return Behaviors.stopped();
        })
        .build();
  }

  private Behavior<ControllerCommand> onFinished(ReconcileFinished m) {
    Result result = m.failure() != null ? Result.error(m.failure()) : m.result();
    if (result instanceof Result.Error e) {
      context.getLog().warn("{}: reconcile {} failed (attempt {}): {}", name, m.key(),
          decisions.failures(m.key()) + 1, e.cause().toString());
    } else {
      context.getLog().debug("{}: reconciled {} in {} ms: {}", name, m.key(), m.elapsedMillis(), result);
    }
    return run(decisions.finished(m.key(), result, now()));
  }

  private Behavior<ControllerCommand> run(List<ControllerAction> actions) {
    for (ControllerAction action : actions) {
      if (action instanceof StartReconcile s) {
        start(s.key());
      } else if (action instanceof ScheduleRetry r) {
        timers.startSingleTimer(r.key(), new RetryDue(r.key()), r.delay());
      }
    }
    return Behaviors.same();
  }

  private void start(String key) {
    long started = System.nanoTime();
    CompletableFuture<Result> future;
    try {
      future = CompletableFuture.supplyAsync(() -> {
        try {
          Result r = reconciler.reconcile(key);
          return r == null ? Result.done() : r;
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }, executor);
    } catch (RejectedExecutionException e) {
      future = CompletableFuture.failedFuture(e); // shutting down
    }
    context.pipeToSelf(future, (result, failure) -> new ReconcileFinished(key, result,
        unwrap(failure), (System.nanoTime() - started) / 1_000_000));
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }
}
