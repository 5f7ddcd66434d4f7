package io.svclab.apiserver.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.etcd.v3.Compare;
import io.svclab.etcd.v3.Compare.CompareResult;
import io.svclab.etcd.v3.Compare.CompareTarget;
import io.svclab.etcd.v3.KeyValue;
import io.svclab.etcd.v3.PutResponse;
import io.svclab.etcd.v3.RangeResponse;
import io.svclab.etcd.v3.RequestOp;
import io.svclab.etcd.v3.ResponseHeader;
import io.svclab.etcd.v3.ResponseOp;
import io.svclab.etcd.v3.TxnRequest;
import io.svclab.etcd.v3.TxnResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionsTest {
  static final EtcdKeys KEYS = new EtcdKeys("/registry");
  static final ByteString KEY = ByteString.copyFromUtf8("/registry/services/default/web");
  static final byte[] VALUE = {1, 2, 3};

  static Compare compare(CompareTarget target, CompareResult result, long revision) {
    Compare.Builder c = Compare.newBuilder().setKey(KEY).setTarget(target).setResult(result);
    return target == CompareTarget.CREATE ? c.setCreateRevision(revision).build() : c.setModRevision(revision).build();
  }

  static Stream<Arguments> compares() {
    return Stream.of(
        Arguments.of("create: the key must not exist (create revision 0)", Write.create("/services/default/web", VALUE),
            List.of(compare(CompareTarget.CREATE, CompareResult.EQUAL, 0))),
        Arguments.of("update: compare-and-swap on the mod revision", Write.update("/services/default/web", 7, VALUE),
            List.of(compare(CompareTarget.MOD, CompareResult.EQUAL, 7))),
        Arguments.of("unconditional put: no compare", Write.update("/services/default/web", Write.ANY, VALUE),
            List.of()),
        Arguments.of("delete at a revision: that revision, and the key must exist",
            Write.delete("/services/default/web", 7),
            List.of(compare(CompareTarget.MOD, CompareResult.EQUAL, 7),
                compare(CompareTarget.MOD, CompareResult.GREATER, 0))),
        Arguments.of("unconditional delete: the key must still exist", Write.delete("/services/default/web", Write.ANY),
            List.of(compare(CompareTarget.MOD, CompareResult.GREATER, 0))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("compares")
  void compareIsThePrecondition(String name, Write write, List<Compare> expected) {
    TxnRequest txn = Transactions.request(write, KEYS);
    assertThat(txn.getCompareList()).isEqualTo(expected);
    assertThat(txn.getFailureList()).singleElement()
        .satisfies(op -> assertThat(op.getRequestRange().getKey()).isEqualTo(KEY));
  }

  @Test
  void putCarriesTheValueAndAsksForThePreviousOne() {
    RequestOp op = Transactions.request(Write.create("/services/default/web", VALUE), KEYS).getSuccess(0);
    assertThat(op.getRequestPut().getKey()).isEqualTo(KEY);
    assertThat(op.getRequestPut().getValue().toByteArray()).isEqualTo(VALUE);
    assertThat(op.getRequestPut().getPrevKv()).isTrue();
  }

  @Test
  void deleteRemovesExactlyTheKey() {
    RequestOp op = Transactions.request(Write.delete("/services/default/web", 7), KEYS).getSuccess(0);
    assertThat(op.getRequestDeleteRange().getKey()).isEqualTo(KEY);
    assertThat(op.getRequestDeleteRange().getRangeEnd()).isEmpty();
  }

  static TxnResponse response(boolean ok, long revision, ResponseOp op) {
    return TxnResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setRevision(revision)).setSucceeded(ok)
        .addResponses(op).build();
  }

  static KeyValue stored(long created, long modified, byte[] value) {
    return KeyValue.newBuilder().setKey(KEY).setCreateRevision(created).setModRevision(modified)
        .setValue(ByteString.copyFrom(value)).build();
  }

  @Test
  void aCreateIsStoredAtTheTransactionsRevision() {
    WriteResult r = Transactions.result(Write.create("/services/default/web", VALUE),
        response(true, 12, ResponseOp.newBuilder().setResponsePut(PutResponse.getDefaultInstance()).build()), KEYS);
    assertThat(r.succeeded()).isTrue();
    assertThat(r.revision()).isEqualTo(12);
    assertThat(r.current().key()).isEqualTo("/services/default/web");
    assertThat(r.current().createRevision()).isEqualTo(12);
    assertThat(r.current().modRevision()).isEqualTo(12);
    assertThat(r.current().value()).isEqualTo(VALUE);
  }

  @Test
  void anUpdateKeepsTheCreateRevisionOfThePreviousValue() {
    WriteResult r = Transactions.result(Write.update("/services/default/web", 9, VALUE), response(true, 12,
        ResponseOp.newBuilder().setResponsePut(PutResponse.newBuilder().setPrevKv(stored(5, 9, new byte[] {0})))
            .build()), KEYS);
    assertThat(r.current().createRevision()).isEqualTo(5);
    assertThat(r.current().modRevision()).isEqualTo(12);
  }

  @Test
  void aLostRaceReportsWhatTheKeyHoldsNow() {
    WriteResult r = Transactions.result(Write.update("/services/default/web", 9, VALUE), response(false, 14,
        ResponseOp.newBuilder().setResponseRange(RangeResponse.newBuilder().addKvs(stored(5, 13, new byte[] {4})))
            .build()), KEYS);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.current().modRevision()).isEqualTo(13);
    assertThat(r.current().value()).isEqualTo(new byte[] {4});
  }

  @Test
  void aFailedWriteOfAMissingKeyReportsNothingThere() {
    WriteResult r = Transactions.result(Write.delete("/services/default/web", Write.ANY), response(false, 14,
        ResponseOp.newBuilder().setResponseRange(RangeResponse.getDefaultInstance()).build()), KEYS);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.current()).isNull();
  }
}
