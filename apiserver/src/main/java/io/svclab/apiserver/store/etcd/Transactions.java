package io.svclab.apiserver.store.etcd;

import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.etcd.v3.Compare;
import io.svclab.etcd.v3.DeleteRangeRequest;
import io.svclab.etcd.v3.PutRequest;
import io.svclab.etcd.v3.RangeRequest;
import io.svclab.etcd.v3.RequestOp;
import io.svclab.etcd.v3.ResponseOp;
import io.svclab.etcd.v3.TxnRequest;
import io.svclab.etcd.v3.TxnResponse;

/**
 * A {@link Write} as one etcd transaction, the way kube-apiserver's etcd3 store writes: compare
 * the key's mod revision (or create revision 0 for "must not exist"), then put or delete; the
 * else branch reads the key, so a lost race answers with what is there now in the same round trip.
 */
public final class Transactions {
  private Transactions() {}

  public static TxnRequest request(Write w, EtcdKeys keys) {
    var key = keys.key(w.key());
    TxnRequest.Builder txn = TxnRequest.newBuilder();
    if (w.expectedModRevision() == Write.ABSENT) {
      txn.addCompare(compare(key, Compare.CompareTarget.CREATE, Compare.CompareResult.EQUAL, 0));
    } else if (w.expectedModRevision() != Write.ANY) {
      txn.addCompare(compare(key, Compare.CompareTarget.MOD, Compare.CompareResult.EQUAL, w.expectedModRevision()));
    }
    if (w.isDelete()) {
      // deleting nothing is a failed write, as in SQLite: the key must exist
      txn.addCompare(compare(key, Compare.CompareTarget.MOD, Compare.CompareResult.GREATER, 0));
      txn.addSuccess(RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(key)));
    } else {
      txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(key)
          .setValue(com.google.protobuf.ByteString.copyFrom(w.value())).setPrevKv(true)));
    }
    txn.addFailure(RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(key)));
    return txn.build();
  }

  private static Compare compare(com.google.protobuf.ByteString key, Compare.CompareTarget target,
      Compare.CompareResult result, long revision) {
    Compare.Builder c = Compare.newBuilder().setKey(key).setTarget(target).setResult(result);
    return target == Compare.CompareTarget.CREATE ? c.setCreateRevision(revision).build()
        : c.setModRevision(revision).build();
  }

  /** The outcome of {@link #request}: the write's revision and stored value, or what the key holds now. */
  public static WriteResult result(Write w, TxnResponse r, EtcdKeys keys) {
    long revision = r.getHeader().getRevision();
    if (!r.getSucceeded()) {
      ResponseOp op = r.getResponsesCount() == 0 ? ResponseOp.getDefaultInstance() : r.getResponses(0);
      var kvs = op.getResponseRange().getKvsList();
      return new WriteResult(false, revision, kvs.isEmpty() ? null : keyValue(kvs.get(0), keys));
    }
    if (w.isDelete()) {
      return new WriteResult(true, revision, null);
    }
    var prev = r.getResponses(0).getResponsePut();
    long created = prev.hasPrevKv() ? prev.getPrevKv().getCreateRevision() : revision;
    return new WriteResult(true, revision, new KeyValue(w.key(), w.value(), created, revision));
  }

  public static KeyValue keyValue(io.svclab.etcd.v3.KeyValue kv, EtcdKeys keys) {
    return new KeyValue(keys.storeKey(kv.getKey()), kv.getValue().toByteArray(), kv.getCreateRevision(),
        kv.getModRevision());
  }
}
