package io.svclab.e2e.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.svclab.etcd.v3.Compare;
import io.svclab.etcd.v3.KVGrpc;
import io.svclab.etcd.v3.PutRequest;
import io.svclab.etcd.v3.RequestOp;
import io.svclab.etcd.v3.TxnRequest;
import io.svclab.etcd.v3.WatchCreateRequest;
import io.svclab.etcd.v3.WatchGrpc;
import io.svclab.etcd.v3.WatchRequest;
import io.svclab.etcd.v3.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * etcd (Debian's etcd-server) on 127.0.0.1 with its own data dir, spoken to over its own gRPC
 * API; objects are written as kube-apiserver writes them: a transaction "create if absent".
 */
final class EtcdTarget implements StoreTarget {
  private static final String PREFIX = "/registry/services/default/";
  private final EtcdProcess etcd;
  private final List<ManagedChannel> channels = new ArrayList<>();
  // watch streams get their own connections, so their flood never shares a connection with the writes
  private final List<ManagedChannel> watchChannels = new ArrayList<>();
  private int next;

  EtcdTarget(Path dir) throws Exception {
    etcd = new EtcdProcess(dir);
    int client = etcd.clientPort();
    for (int i = 0; i < 4; i++) {
      channels.add(NettyChannelBuilder.forAddress("127.0.0.1", client).usePlaintext()
          .maxInboundMessageSize(64 << 20).build());
      watchChannels.add(NettyChannelBuilder.forAddress("127.0.0.1", client).usePlaintext()
          .maxInboundMessageSize(64 << 20).build());
    }
  }

  @Override
  public String name() {
    return "etcd";
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }

  @Override
  public void create(String prefix, int i) {
    ByteString key = bytes(PREFIX + prefix + i);
    TxnRequest txn = TxnRequest.newBuilder()
        .addCompare(Compare.newBuilder().setKey(key).setTarget(Compare.CompareTarget.MOD)
            .setResult(Compare.CompareResult.EQUAL).setModRevision(0))
        .addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(key)
            .setValue(ServiceFixture.service(prefix + i).toByteString())))
        .build();
    if (!KVGrpc.newBlockingStub(channels.get(i % channels.size())).withDeadlineAfter(30, TimeUnit.SECONDS)
        .txn(txn).getSucceeded()) {
      throw new IllegalStateException(PREFIX + prefix + i + " already exists");
    }
  }

  @Override
  public AutoCloseable watch(IntConsumer onEvents) {
    ManagedChannel ch;
    synchronized (this) {
      ch = watchChannels.get(next++ % watchChannels.size());
    }
    // range_end = prefix with its last byte + 1: every key under the prefix
    byte[] end = PREFIX.getBytes(StandardCharsets.UTF_8);
    end[end.length - 1]++;
    StreamObserver<WatchRequest> requests = WatchGrpc.newStub(ch).watch(new StreamObserver<>() {
      @Override
      public void onNext(WatchResponse r) {
        if (r.getEventsCount() > 0) {
          onEvents.accept(r.getEventsCount());
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });
    requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
        .setKey(bytes(PREFIX)).setRangeEnd(ByteString.copyFrom(end))).build());
    return () -> requests.onError(io.grpc.Status.CANCELLED.asRuntimeException());
  }

  @Override
  public void close() throws Exception {
    channels.forEach(ManagedChannel::shutdownNow);
    watchChannels.forEach(ManagedChannel::shutdownNow);
    etcd.close();
  }
}
