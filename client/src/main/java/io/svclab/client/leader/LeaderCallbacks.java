package io.svclab.client.leader;

/**
 * Told about leadership changes, on the elector's thread: start or stop work and return;
 * blocking here delays renewals.
 */
public interface LeaderCallbacks {
  void onStartedLeading();

  /** Leadership ended: lost to another candidate, renewals failing past the deadline, or stop. */
  void onStoppedLeading();

  /** The lease is now held by {@code identity} (this candidate or another). */
  default void onNewLeader(String identity) {}
}
