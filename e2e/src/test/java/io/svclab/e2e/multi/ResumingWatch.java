package io.svclab.e2e.multi;

import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw watch that, when its stream ends, opens it again from the last resourceVersion it saw,
 * as an informer does; over a channel with several apiservers the new stream may be served by
 * another one. What it saw is kept for the test to check: nothing lost, nothing twice.
 */
final class ResumingWatch<T extends Message> implements AutoCloseable {
  record Seen(EventType type, String name, long resourceVersion) {}

  final List<Seen> events = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger reopened = new AtomicInteger();
  private final ResourceClient<T> client;
  private final String namespace;
  private final String labelSelector;
  private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor();
  private volatile long lastRv;
  private volatile boolean closed;
  private volatile ClientCall<WatchRequest, Message> call;

  ResumingWatch(ResourceClient<T> client, String namespace, String labelSelector, long fromRv) {
    this.client = client;
    this.namespace = namespace;
    this.labelSelector = labelSelector;
    this.lastRv = fromRv;
  }

  ResumingWatch<T> start() {
    open();
    return this;
  }

  List<Seen> nonBookmarks() {
    synchronized (events) {
      return events.stream().filter(e -> e.type() != EventType.BOOKMARK).toList();
    }
  }

  private void open() {
    if (closed) {
      return;
    }
    call = client.watch(WatchRequest.newBuilder().setNamespace(namespace).setLabelSelector(labelSelector)
        .setResourceVersion(Long.toString(lastRv)).setAllowBookmarks(true).build(), new StreamObserver<>() {
          @Override
          public void onNext(Message value) {
            T obj = client.kind().watchEventObject(value);
            long rv = Long.parseLong(client.kind().meta(obj).getResourceVersion());
            events.add(new Seen(client.kind().watchEventType(value), client.kind().meta(obj).getName(), rv));
            lastRv = rv;
          }

          @Override
          public void onError(Throwable t) {
            reopenSoon();
          }

          @Override
          public void onCompleted() {
            reopenSoon();
          }
        });
  }

  private void reopenSoon() {
    if (!closed) {
      reopened.incrementAndGet();
      retry.schedule(this::open, 200, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    closed = true;
    retry.shutdownNow();
    ClientCall<WatchRequest, Message> c = call;
    if (c != null) {
      c.cancel("test done", null);
    }
  }
}
