package io.svclab.apiserver.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.apiserver.registry.Keys;
import io.svclab.apiserver.store.RevisionExpiredException;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.apiserver.watch.WatchFilter;
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.etcd.v3.WatchGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apiserver's etcd watch is down while another writer changes keys and compacts etcd: when the
 * watch comes back its start revision is compacted, so the store relists etcd (the cache holds
 * what etcd holds, deletions included), its watchers end with "too old resource version" (410
 * Expired, as Kubernetes' watch cache after a relist), history before the relist is expired, and
 * the watch then carries on from the relisted revision. Against a real etcd; the watch is cut by
 * an interceptor on this store's channel only, so its reads and writes keep reaching etcd.
 */
class WatchPastCompactionTest {
  static final Duration CEILING = Duration.ofSeconds(60);
  static final String PREFIX = "/registry-compaction";

  @TempDir Path dir;
  EtcdServer etcd;
  WatchCut cut;
  EtcdStorage store;
  EtcdStorage other;
  WatchCache cache;

  /** Fails this channel's Watch calls (new ones refused, open ones cancelled) while cut. */
  static final class WatchCut implements ClientInterceptor {
    private final ManagedChannel nowhere = NettyChannelBuilder.forTarget("127.0.0.1:1").usePlaintext().build();
    private final Set<ClientCall<?, ?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      if (!method.getFullMethodName().equals(WatchGrpc.getWatchMethod().getFullMethodName())) {
        return next.newCall(method, options);
      }
      if (cut) {
        return nowhere.newCall(method, options);  // refused: nothing listens on port 1
      }
      ClientCall<Q, A> call = new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<A> listener, Metadata headers) {
          ClientCall<Q, A> self = this;
          open.add(self);
          super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
            @Override
            public void onClose(Status status, Metadata trailers) {
              open.remove(self);  // onClose is a call's last callback: nothing reaches the store after it
              super.onClose(status, trailers);
            }
          }, headers);
        }
      };
      return call;
    }

    /**
     * Cancels the open Watch calls and waits until each has closed: a cancel is asynchronous, and an
     * event etcd sent before it took effect would otherwise still reach the store.
     */
    void cut() {
      cut = true;
      new ArrayList<>(open).forEach(c -> c.cancel("the test cut the watch", null));
      await("the store's watch calls closed").atMost(CEILING).until(open::isEmpty);
    }

    void restore() {
      cut = false;
    }

    void close() {
      nowhere.shutdownNow();
    }
  }

  static final class RecordingSink implements WatchSink {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public boolean isReady() { return true; }

    @Override
    public void send(EventType type, Message object) {
      events.add(type + " " + ((Service) object).getMetadata().getName());
    }

    @Override
    public void expired(long requested, long oldest) {
      events.add("EXPIRED");
    }
  }

  @BeforeEach
  void start() throws Exception {
    etcd = new EtcdServer(dir);
    cut = new WatchCut();
    ManagedChannel channel = NettyChannelBuilder.forTarget("127.0.0.1:" + etcd.clientPort()).usePlaintext()
        .intercept(cut).build();
    store = new EtcdStorage(channel, etcd.endpoint(), new EtcdKeys(PREFIX), 100, Duration.ofSeconds(10), null);
    other = etcd.open(PREFIX, 100);
    cache = new WatchCache(store, 100, Keys::kindOf, 600_000);
  }

  @AfterEach
  void stop() throws Exception {
    cache.close();
    store.close();
    other.close();
    cut.close();
    etcd.close();
  }

  static String key(String name) {
    return Keys.key(ResourceKinds.SERVICES, "default", name);
  }

  static byte[] service(String name, String marker) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default")
        .putLabels("marker", marker)).build().toByteArray();
  }

  static WriteResult write(EtcdStorage s, Write w) {
    WriteResult r = s.write(w).join();
    assertThat(r.succeeded()).as("write of " + w.key()).isTrue();
    return r;
  }

  @Test
  void aWatchThatComesBackPastACompactionRelistsAndExpiresItsWatchers() throws Exception {
    List<Long> resets = Collections.synchronizedList(new ArrayList<>());
    store.addResetListener(resets::add);
    long start = store.revision();
    RecordingSink before = new RecordingSink();
    cache.watch(ResourceKinds.SERVICES, start, WatchFilter.EVERYTHING, before, false);
    long a = write(store, Write.create(key("a"), service("a", "1"))).revision();
    write(store, Write.create(key("gone"), service("gone", "1")));
    await().atMost(CEILING).until(() -> before.events.containsAll(List.of("ADDED a", "ADDED gone")));

    cut.cut();
    write(other, Write.create(key("b"), service("b", "1")));
    long goneAt = other.get(key("gone")).orElseThrow().modRevision();
    write(other, Write.delete(key("gone"), goneAt));
    long changedA = write(other, Write.update(key("a"), a, service("a", "2"))).revision();
    other.compact(changedA);
    assertThat(store.get(key("b"))).as("the cut watch delivered nothing").isEmpty();
    cut.restore();

    await().atMost(CEILING).until(() -> !resets.isEmpty());
    assertThat(resets.get(0)).as("relisted at or after the compaction").isGreaterThanOrEqualTo(changedA);
    assertThat(store.revision()).isGreaterThanOrEqualTo(changedA);
    assertThat(store.get(key("b"))).as("created while the watch was down").isPresent();
    assertThat(store.get(key("gone"))).as("deleted while the watch was down").isEmpty();
    assertThat(Service.parseFrom(store.get(key("a")).orElseThrow().value()).getMetadata().getLabelsMap())
        .containsEntry("marker", "2");
    assertThat(store.get(key("a")).orElseThrow().modRevision()).isEqualTo(changedA);

    await().atMost(CEILING).until(() -> before.events.contains("EXPIRED"));
    assertThat(before.events).as("the watcher ends with too old resource version, nothing of the lost history")
        .containsExactly("ADDED a", "ADDED gone", "EXPIRED");
    assertThatThrownBy(() -> cache.watch(ResourceKinds.SERVICES, start, WatchFilter.EVERYTHING, new RecordingSink(), false))
        .isInstanceOf(RevisionExpiredException.class);
    assertThatThrownBy(() -> store.history(start)).isInstanceOf(RevisionExpiredException.class);

    // the watch carries on from the relist: a new watcher from there sees the next changes, from either writer
    RecordingSink after = new RecordingSink();
    cache.watch(ResourceKinds.SERVICES, store.revision(), WatchFilter.EVERYTHING, after, false);
    write(other, Write.create(key("c"), service("c", "1")));
    write(store, Write.create(key("d"), service("d", "1")));
    await().atMost(CEILING).until(() -> after.events.containsAll(List.of("ADDED c", "ADDED d")));
    assertThat(after.events).containsExactly("ADDED c", "ADDED d");
    assertThat(resets).as("one relist").hasSize(1);
  }
}
