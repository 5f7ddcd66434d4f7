package io.svclab.apiserver.grpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.GetRequest;
import io.svclab.api.v1.ListMeta;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.UpdateScaleRequest;
import io.svclab.api.v1.WatchRequest;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.ownership.UpdateManager;
import io.svclab.apiserver.registry.ListOptions;
import io.svclab.apiserver.registry.ListResult;
import io.svclab.apiserver.registry.Registry;
import io.svclab.apiserver.watch.WatchEntry;
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.apiserver.watch.Watcher;
import io.svclab.client.resource.ResourceKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Serves one resource's gRPC service from the generated descriptor: the handlers only move
 * requests into the {@link Registry} and its answers (or Kubernetes errors) back out.
 */
public final class ResourceServiceBinding<T extends Message> {
  private final ResourceKind<T> kind;
  private final Registry registry;
  private final RequestMetrics metrics;
  private final MethodDescriptor<WatchRequest, Object> watchMethod;

  public ResourceServiceBinding(ResourceKind<T> kind, Registry registry, RequestMetrics metrics) {
    this.kind = kind;
    this.registry = registry;
    this.metrics = metrics;
    MethodDescriptor<WatchRequest, Message> generated = kind.method("Watch");
    this.watchMethod = generated.toBuilder(generated.getRequestMarshaller(),
        new SerializedMessageMarshaller(generated.getResponseMarshaller())).build();
  }

  public ServerServiceDefinition definition() {
    ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(serviceWithSharedWatchBytes());
    b.addMethod(kind.<GetRequest, T>method("Get"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("get", obs, () -> registry.get(kind, req.getNamespace(), req.getName()))));
    b.addMethod(kind.<ListRequest, Message>method("List"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("list", obs, () -> list(req))));
    b.addMethod(kind.<Message, T>method("Create"),
        ServerCalls.asyncUnaryCall((req, obs) -> unaryAsync("create", obs,
            () -> registry.createAsync(kind, body(req), false, caller()))));
    b.addMethod(kind.<Message, T>method("Update"),
        ServerCalls.asyncUnaryCall((req, obs) -> unaryAsync("update", obs,
            () -> registry.updateAsync(kind, body(req), false, false, caller()))));
    b.addMethod(kind.<Message, T>method("UpdateStatus"),
        ServerCalls.asyncUnaryCall((req, obs) -> unaryAsync("update_status", obs,
            () -> registry.updateAsync(kind, body(req), true, false, caller()))));
    b.addMethod(kind.<DeleteRequest, T>method("Delete"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("delete", obs, () -> registry.delete(kind, req))));
    b.addMethod(watchMethod, ServerCalls.asyncServerStreamingCall(this::watch));
    if (registry.hasScale(kind)) {
      b.addMethod(kind.<GetRequest, Scale>method("GetScale"), ServerCalls.asyncUnaryCall((req, obs) ->
          unary("get_scale", obs, () -> registry.getScale(kind, req.getNamespace(), req.getName()))));
      b.addMethod(kind.<UpdateScaleRequest, Scale>method("UpdateScale"), ServerCalls.asyncUnaryCall((req, obs) ->
          unary("update_scale", obs, () -> registry.updateScale(kind, req.getNamespace(), req.getName(), req.getScale()))));
    }
    return ServerInterceptors.intercept(b.build(), new CallerAgent());
  }

  /**
   * The kind's service as generated, but with a Watch whose responses may be
   * {@link SerializedMessage}s: each event's bytes are made once and sent to every watcher.
   */
  private ServiceDescriptor serviceWithSharedWatchBytes() {
    ServiceDescriptor generated = kind.grpcService();
    ServiceDescriptor.Builder b = ServiceDescriptor.newBuilder(generated.getName())
        .setSchemaDescriptor(generated.getSchemaDescriptor());
    for (MethodDescriptor<?, ?> m : generated.getMethods()) {
      b.addMethod(m.getBareMethodName().equals("Watch") ? watchMethod : m);
    }
    return b.build();
  }

  /** Who a gRPC write is recorded under in managedFields: the caller's user-agent ({@link UpdateManager#fromGrpcUserAgent}). */
  private static UpdateManager caller() {
    return UpdateManager.fromGrpcUserAgent(CallerAgent.current());
  }

  private T body(Message req) {
    if (!kind.writeRequestHasObject(req)) {
      throw ApiException.badRequest("the request has no \"" + kind.writeField() + "\" object");
    }
    return kind.writeRequestObject(req);
  }

  private Message list(ListRequest req) {
    ListResult<T> r = registry.list(kind, new ListOptions(req.getNamespace(), req.getLabelSelector(),
        req.getFieldSelector(), req.getLimit(), req.getContinue()));
    return kind.newList(ListMeta.newBuilder().setResourceVersion(Long.toString(r.revision()))
        .setContinue(r.continueToken()).build(), r.items());
  }

  private <R> void unary(String verb, StreamObserver<R> obs, Supplier<R> call) {
    unaryAsync(verb, obs, () -> CompletableFuture.completedFuture(call.get()));
  }

  /**
   * A write answered from its commit's callback: the gRPC thread is free again as soon as the
   * write is queued for the store, instead of waiting out the group commit and its fsync.
   */
  private <R> void unaryAsync(String verb, StreamObserver<R> obs, Supplier<CompletableFuture<R>> call) {
    long start = System.nanoTime();
    CompletableFuture<R> answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((result, failure) -> {
      String code = "OK";
      try {
        if (failure == null) {
          obs.onNext(result);
          obs.onCompleted();
        } else {
          Throwable cause = failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause() : failure;
          ApiException error = cause instanceof ApiException api ? api : ApiException.internal(cause.toString());
          code = cause instanceof ApiException ? error.code().name() : Status.Code.INTERNAL.name();
          obs.onError(GrpcErrors.toStatus(error));
        }
      } finally {
        metrics.observe(verb, kind.plural(), code, (System.nanoTime() - start) / 1e9);
      }
    });
  }

  private void watch(WatchRequest req, StreamObserver<Object> responses) {
    ServerCallStreamObserver<Object> obs = (ServerCallStreamObserver<Object>) responses;
    WatchSink sink = new WatchSink() {
      @Override
      public boolean isReady() {
        return obs.isReady() && !obs.isCancelled();
      }

      @Override
      @SuppressWarnings("unchecked")
      public void send(EventType type, Message object) {
        synchronized (obs) {
          obs.onNext(kind.newWatchEvent(type, (T) object));
        }
      }

      @Override
      @SuppressWarnings("unchecked")
      public void send(EventType type, WatchEntry change) {
        SerializedMessage event = change.encoded(SerializedMessage.class, type,
            () -> new SerializedMessage(kind.newWatchEvent(type, (T) change.object()).toByteArray()));
        synchronized (obs) {
          obs.onNext(event);
        }
      }

      @Override
      public void expired(long requested, long oldest) {
        synchronized (obs) {
          obs.onError(GrpcErrors.toStatus(ApiException.expired(
              "too old resource version: " + requested + " (" + oldest + ")")));
        }
      }
    };
    try {
      boolean initialEnd = req.hasSendInitialEvents() && req.getSendInitialEvents() && req.getAllowBookmarks();
      Watcher w = registry.watch(kind, new ListOptions(req.getNamespace(), req.getLabelSelector(),
          req.getFieldSelector(), 0, ""), req.getResourceVersion(), initialEnd, req.getAllowBookmarks(), sink);
      obs.setOnCancelHandler(w::stop);
      obs.setOnReadyHandler(w::signal);
      metrics.observe("watch", kind.plural(), "OK", 0);
    } catch (ApiException e) {
      metrics.observe("watch", kind.plural(), e.code().name(), 0);
      obs.onError(GrpcErrors.toStatus(e));
    }
  }
}
