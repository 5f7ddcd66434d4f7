package io.svclab.client.testing;

import com.google.protobuf.Message;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.GetRequest;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.ListMeta;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * An in-memory stand-in for the apiserver for one kind, speaking the real gRPC contract
 * (the apiserver's API contract) over a real socket: resourceVersions, optimistic concurrency, paged
 * lists, a watch window with replay and OUT_OF_RANGE. Tests also drive it directly:
 * break watches, compact the window, send bookmarks.
 */
public final class FakeApiServer<T extends Message> implements AutoCloseable {
  private record Change<T>(long rv, EventType type, T object) {}

  private final ResourceKind<T> kind;
  private final Map<String, T> objects = new LinkedHashMap<>();
  private final List<Change<T>> history = new ArrayList<>();
  private final List<ServerCallStreamObserver<Message>> watchers = new ArrayList<>();
  private long rv = 100;
  private long compactedThrough = 100;
  private Server server;
  public final List<String> listCalls = new CopyOnWriteArrayList<>();
  public final List<String> watchCalls = new CopyOnWriteArrayList<>();

  public FakeApiServer(ResourceKind<T> kind) {
    this.kind = kind;
  }

  public int startTcp() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(definition()).build().start();
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  public FakeApiServer<T> start(Server built) throws IOException {
    server = built.start();
    return this;
  }

  public ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder(kind.grpcService())
        .addMethod(kind.<Message, Message>method("Get"), unary((Message r, StreamObserver<Message> o) -> get((GetRequest) r, o)))
        .addMethod(kind.<Message, Message>method("List"), unary((Message r, StreamObserver<Message> o) -> list((ListRequest) r, o)))
        .addMethod(kind.<Message, Message>method("Create"), unary((Message r, StreamObserver<Message> o) -> write(r, o, true)))
        .addMethod(kind.<Message, Message>method("Update"), unary((Message r, StreamObserver<Message> o) -> write(r, o, false)))
        .addMethod(kind.<Message, Message>method("UpdateStatus"), unary((Message r, StreamObserver<Message> o) -> write(r, o, false)))
        .addMethod(kind.<Message, Message>method("Delete"), unary((Message r, StreamObserver<Message> o) -> delete((DeleteRequest) r, o)))
        .addMethod(kind.<Message, Message>method("Watch"), ServerCalls.asyncServerStreamingCall(
            (Message r, StreamObserver<Message> o) -> watch((WatchRequest) r, (ServerCallStreamObserver<Message>) o)))
        .build();
  }

  private static io.grpc.ServerCallHandler<Message, Message> unary(BiConsumer<Message, StreamObserver<Message>> fn) {
    return ServerCalls.asyncUnaryCall(fn::accept);
  }

  // ---- handlers ----

  private synchronized void get(GetRequest r, StreamObserver<Message> o) {
    T obj = objects.get(key(r.getNamespace(), r.getName()));
    if (obj == null) {
      o.onError(Status.NOT_FOUND.withDescription(kind.plural() + " \"" + r.getName() + "\" not found").asRuntimeException());
      return;
    }
    o.onNext(obj);
    o.onCompleted();
  }

  private synchronized void list(ListRequest r, StreamObserver<Message> o) {
    listCalls.add(r.getContinue());
    List<T> all = objects.values().stream()
        .filter(x -> r.getNamespace().isEmpty() || kind.meta(x).getNamespace().equals(r.getNamespace())).toList();
    int from = r.getContinue().isEmpty() ? 0 : Integer.parseInt(r.getContinue());
    int to = r.getLimit() > 0 ? Math.min(all.size(), from + (int) r.getLimit()) : all.size();
    String next = to < all.size() ? Integer.toString(to) : "";
    o.onNext(kind.newList(ListMeta.newBuilder().setResourceVersion(Long.toString(rv)).setContinue(next).build(),
        all.subList(from, to)));
    o.onCompleted();
  }

  private void write(Message request, StreamObserver<Message> o, boolean create) {
    try {
      T obj = kind.writeRequestObject(request);
      o.onNext(create ? create(obj) : update(obj));
      o.onCompleted();
    } catch (io.grpc.StatusRuntimeException e) {
      o.onError(e);
    }
  }

  private void delete(DeleteRequest r, StreamObserver<Message> o) {
    try {
      o.onNext(delete(r.getNamespace(), r.getName()));
      o.onCompleted();
    } catch (io.grpc.StatusRuntimeException e) {
      o.onError(e);
    }
  }

  private synchronized void watch(WatchRequest r, ServerCallStreamObserver<Message> o) {
    watchCalls.add(r.getResourceVersion());
    long from = r.getResourceVersion().isEmpty() ? rv : Long.parseLong(r.getResourceVersion());
    if (from < compactedThrough) {
      o.onError(Status.OUT_OF_RANGE.withDescription("too old resource version: " + from + " (" + compactedThrough + ")")
          .asRuntimeException());
      return;
    }
    for (Change<T> c : history) {
      if (c.rv() > from) {
        o.onNext(kind.newWatchEvent(c.type(), c.object()));
      }
    }
    o.setOnCancelHandler(() -> {
      synchronized (FakeApiServer.this) {
        watchers.remove(o);
      }
    });
    watchers.add(o);
  }

  // ---- direct manipulation ----

  public synchronized T create(T obj) {
    ObjectMeta m = kind.meta(obj);
    String key = key(m.getNamespace(), m.getName());
    if (objects.containsKey(key)) {
      throw Status.ALREADY_EXISTS.withDescription(kind.plural() + " \"" + m.getName() + "\" already exists").asRuntimeException();
    }
    T stored = kind.withMeta(obj, m.toBuilder().setUid(UUID.randomUUID().toString())
        .setResourceVersion(Long.toString(++rv)).build());
    objects.put(key, stored);
    publish(EventType.ADDED, stored);
    return stored;
  }

  public synchronized T update(T obj) {
    ObjectMeta m = kind.meta(obj);
    String key = key(m.getNamespace(), m.getName());
    T current = objects.get(key);
    if (current == null) {
      throw Status.NOT_FOUND.withDescription(kind.plural() + " \"" + m.getName() + "\" not found").asRuntimeException();
    }
    if (!m.getResourceVersion().isEmpty() && !m.getResourceVersion().equals(kind.meta(current).getResourceVersion())) {
      throw Status.ABORTED.withDescription("Operation cannot be fulfilled on " + kind.plural() + " \"" + m.getName()
          + "\": the object has been modified; please apply your changes to the latest version and try again").asRuntimeException();
    }
    T stored = kind.withMeta(obj, m.toBuilder().setUid(kind.meta(current).getUid())
        .setResourceVersion(Long.toString(++rv)).build());
    objects.put(key, stored);
    publish(EventType.MODIFIED, stored);
    return stored;
  }

  public synchronized T delete(String namespace, String name) {
    T current = objects.remove(key(namespace, name));
    if (current == null) {
      throw Status.NOT_FOUND.withDescription(kind.plural() + " \"" + name + "\" not found").asRuntimeException();
    }
    T gone = kind.withMeta(current, kind.meta(current).toBuilder().setResourceVersion(Long.toString(++rv)).build());
    publish(EventType.DELETED, gone);
    return gone;
  }

  public synchronized T get(String namespace, String name) {
    return objects.get(key(namespace, name));
  }

  private void publish(EventType type, T obj) {
    history.add(new Change<>(rv, type, obj));
    for (ServerCallStreamObserver<Message> w : List.copyOf(watchers)) {
      w.onNext(kind.newWatchEvent(type, obj));
    }
  }

  /** Ends every open watch with UNAVAILABLE, as a dropped connection would. */
  public synchronized void breakWatches() {
    for (ServerCallStreamObserver<Message> w : List.copyOf(watchers)) {
      w.onError(Status.UNAVAILABLE.withDescription("connection reset (test)").asRuntimeException());
    }
    watchers.clear();
  }

  /**
   * Breaks watches, runs {@code changes} while no watch can reconnect, then forgets all
   * history so that resuming from any earlier version fails with OUT_OF_RANGE.
   */
  public synchronized void disconnectChangeAndCompact(Runnable changes) {
    breakWatches();
    changes.run();
    history.clear();
    compactedThrough = rv;
  }

  public synchronized void sendBookmark() {
    rv++; // another kind's write moved the cluster-wide counter
    T mark = kind.withMeta(kind.prototype(), ObjectMeta.newBuilder().setResourceVersion(Long.toString(rv)).build());
    for (ServerCallStreamObserver<Message> w : List.copyOf(watchers)) {
      w.onNext(kind.newWatchEvent(EventType.BOOKMARK, mark));
    }
  }

  public synchronized long resourceVersion() {
    return rv;
  }

  public synchronized int watcherCount() {
    return watchers.size();
  }

  private String key(String namespace, String name) {
    return kind.namespaced() ? namespace + "/" + name : name;
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdownNow();
    }
  }
}
