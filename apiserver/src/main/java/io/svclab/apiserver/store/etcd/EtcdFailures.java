package io.svclab.apiserver.store.etcd;

import io.grpc.Status;
import java.util.Set;

/**
 * Which failed etcd calls mean "etcd cannot be reached" (the API answers UNAVAILABLE, 503) rather
 * than a refused request. etcd itself answers UNAVAILABLE for no leader, a leader change and a
 * request timeout; a connection that breaks under a call (etcd killed mid-request) reaches the
 * client as UNAVAILABLE, INTERNAL, UNKNOWN or CANCELLED depending on where the stream was cut.
 * etcd's own refusals (INVALID_ARGUMENT, FAILED_PRECONDITION, RESOURCE_EXHAUSTED, OUT_OF_RANGE,
 * PERMISSION_DENIED, ...) are not outages.
 */
public final class EtcdFailures {
  private static final Set<Status.Code> UNREACHABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
      Status.Code.INTERNAL, Status.Code.UNKNOWN, Status.Code.CANCELLED);

  private EtcdFailures() {}

  public static boolean unreachable(Status.Code code) {
    return UNREACHABLE.contains(code);
  }
}
