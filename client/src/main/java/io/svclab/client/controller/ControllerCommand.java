package io.svclab.client.controller;

import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/** Messages of the controller actor. */
public sealed interface ControllerCommand {
  /** An informer saw a change to the object with this key. */
  record Enqueue(String key) implements ControllerCommand {}

  record EnqueueAfter(String key, Duration delay) implements ControllerCommand {}

  /** Every informer has listed once: reconciles may start, caches are complete. */
  record CachesSynced() implements ControllerCommand {}

  /** A key's back-off or requeue delay has passed (timer). */
  record RetryDue(String key) implements ControllerCommand {}

  /** A reconcile ended; exactly one of {@code result} and {@code failure} is non-null. */
  record ReconcileFinished(String key, Result result, Throwable failure, long elapsedMillis)
      implements ControllerCommand {}

  /** Stop the actor (its timers go with it); {@code replyTo} hears when no reconcile will start any more. */
  record Stop(ActorRef<Done> replyTo) implements ControllerCommand {}
}
