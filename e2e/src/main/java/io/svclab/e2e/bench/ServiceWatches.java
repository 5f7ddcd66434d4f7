package io.svclab.e2e.bench;

import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/** A gRPC watch on Services in {@code default} from now on, counting the events a bench cares about. */
final class ServiceWatches {
  private ServiceWatches() {}

  /** Watches from the current resourceVersion; each event {@code counted} accepts adds one to {@code onEvent}. */
  static AutoCloseable open(ResourceClient<Service> client, Predicate<EventType> counted, IntConsumer onEvent) {
    String rv = client.kind().listMeta(client.list(ListRequest.newBuilder().setNamespace("default").setLimit(1).build()))
        .getResourceVersion();
    ClientCall<WatchRequest, Message> call = client.watch(WatchRequest.newBuilder().setNamespace("default")
        .setResourceVersion(rv).build(), new StreamObserver<>() {
          @Override
          public void onNext(Message m) {
            if (counted.test(client.kind().watchEventType(m))) {
              onEvent.accept(1);
            }
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    return () -> call.cancel("bench done", null);
  }
}
