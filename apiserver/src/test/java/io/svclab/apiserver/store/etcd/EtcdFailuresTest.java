package io.svclab.apiserver.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EtcdFailuresTest {
  @ParameterizedTest(name = "{0}: unreachable={1}")
  @CsvSource({
      "UNAVAILABLE, true",        // connection refused, no leader, leader changed, request timed out
      "DEADLINE_EXCEEDED, true",  // no answer in time
      "INTERNAL, true",           // the stream cut mid-frame by a dying etcd
      "UNKNOWN, true",
      "CANCELLED, true",
      "INVALID_ARGUMENT, false",  // etcdserver: request is too large, duplicate key given in txn request
      "RESOURCE_EXHAUSTED, false", // etcdserver: mvcc: database space exceeded
      "OUT_OF_RANGE, false",      // mvcc: required revision has been compacted
      "FAILED_PRECONDITION, false",
      "PERMISSION_DENIED, false"})
  void classifies(Status.Code code, boolean unreachable) {
    assertThat(EtcdFailures.unreachable(code)).isEqualTo(unreachable);
  }
}
