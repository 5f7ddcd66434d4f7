package io.svclab.e2e.api;

import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A raw watch stream whose events a test can inspect. */
public final class WatchCollector<T extends Message> implements StreamObserver<Message> {
  public record Seen(EventType type, String name, long resourceVersion) {}

  public final List<Seen> events = Collections.synchronizedList(new ArrayList<>());
  public final CompletableFuture<Status> ended = new CompletableFuture<>();
  private final ResourceClient<T> client;
  private ClientCall<WatchRequest, Message> call;

  public WatchCollector(ResourceClient<T> client) {
    this.client = client;
  }

  public WatchCollector<T> start(WatchRequest request) {
    call = client.watch(request, this);
    return this;
  }

  public void cancel() {
    call.cancel("test done", null);
  }

  public List<Seen> nonBookmarks() {
    synchronized (events) {
      return events.stream().filter(e -> e.type() != EventType.BOOKMARK).toList();
    }
  }

  @Override
  public void onNext(Message value) {
    T obj = client.kind().watchEventObject(value);
    var meta = client.kind().meta(obj);
    events.add(new Seen(client.kind().watchEventType(value), meta.getName(), Long.parseLong(meta.getResourceVersion())));
  }

  @Override
  public void onError(Throwable t) {
    ended.complete(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    ended.complete(Status.OK);
  }
}
