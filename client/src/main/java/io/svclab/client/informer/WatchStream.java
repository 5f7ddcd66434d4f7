package io.svclab.client.informer;

import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One open Watch call turned into a blocking sequence of signals, so the informer loop can
 * be plain sequential code on its own thread.
 */
final class WatchStream implements AutoCloseable {
  sealed interface Signal permits Event, Failed, Closed {}

  record Event(Message event) implements Signal {}

  record Failed(Status status) implements Signal {}

  record Closed() implements Signal {}

  private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  private final ClientCall<WatchRequest, Message> call;

  WatchStream(ResourceClient<?> client, WatchRequest request) {
    this.call = client.watch(request, new StreamObserver<>() {
      @Override
      public void onNext(Message event) {
        signals.add(new Event(event));
      }

      @Override
      public void onError(Throwable t) {
        signals.add(new Failed(Status.fromThrowable(t)));
      }

      @Override
      public void onCompleted() {
        signals.add(new Closed());
      }
    });
  }

  Signal next() throws InterruptedException {
    return signals.take();
  }

  @Override
  public void close() {
    call.cancel("informer closed the watch", null);
  }
}
