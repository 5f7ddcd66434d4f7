package io.svclab.client.resource;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.GetRequest;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.WatchRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A typed client for one resource kind over any channel: the same seven verbs for every
 * kind, so controllers never touch the generated stubs directly.
 */
public final class ResourceClient<T extends Message> {
  private final Channel channel;
  private final ResourceKind<T> kind;
  private final long deadlineMillis;

  public ResourceClient(Channel channel, ResourceKind<T> kind) {
    this(channel, kind, 10_000);
  }

  public ResourceClient(Channel channel, ResourceKind<T> kind, long deadlineMillis) {
    this.channel = channel;
    this.kind = kind;
    this.deadlineMillis = deadlineMillis;
  }

  public ResourceKind<T> kind() { return kind; }

  private CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  private <Q, R> R unary(String method, Q request) {
    return ClientCalls.blockingUnaryCall(channel, kind.<Q, R>method(method), options(), request);
  }

  /** The call without blocking: for writers that keep many calls in flight (the apiserver commits them together). */
  private <Q, R> ListenableFuture<R> future(String method, Q request) {
    return ClientCalls.futureUnaryCall(channel.newCall(kind.<Q, R>method(method), options()), request);
  }

  public T get(String namespace, String name) {
    return unary("Get", GetRequest.newBuilder().setNamespace(nz(namespace)).setName(name).build());
  }

  public Message list(ListRequest request) {
    return unary("List", request);
  }

  /** All items in a namespace ("" = all) matching a label selector ("" = everything). */
  public List<T> listItems(String namespace, String labelSelector) {
    return kind.listItems(list(ListRequest.newBuilder()
        .setNamespace(nz(namespace)).setLabelSelector(nz(labelSelector)).build()));
  }

  public T create(T object) {
    return unary("Create", kind.newWriteRequest(object));
  }

  public T update(T object) {
    return unary("Update", kind.newWriteRequest(object));
  }

  public T updateStatus(T object) {
    return unary("UpdateStatus", kind.newWriteRequest(object));
  }

  public ListenableFuture<T> createAsync(T object) {
    return future("Create", kind.newWriteRequest(object));
  }

  public ListenableFuture<T> updateAsync(T object) {
    return future("Update", kind.newWriteRequest(object));
  }

  public ListenableFuture<T> updateStatusAsync(T object) {
    return future("UpdateStatus", kind.newWriteRequest(object));
  }

  public ListenableFuture<T> deleteAsync(DeleteRequest request) {
    return future("Delete", request);
  }

  public T delete(String namespace, String name) {
    return delete(DeleteRequest.newBuilder().setNamespace(nz(namespace)).setName(name).build());
  }

  public T delete(DeleteRequest request) {
    return unary("Delete", request);
  }

  /**
   * Starts a watch; events (typed {@code XxxWatchEvent} messages) go to the observer.
   * Returns the call so the caller can cancel it.
   */
  public ClientCall<WatchRequest, Message> watch(WatchRequest request, StreamObserver<Message> observer) {
    ClientCall<WatchRequest, Message> call =
        channel.newCall(kind.<WatchRequest, Message>method("Watch"), CallOptions.DEFAULT);
    Context previous = Context.ROOT.attach();
    try {
      ClientCalls.asyncServerStreamingCall(call, request, observer);
    } finally {
      Context.ROOT.detach(previous);
    }
    return call;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
