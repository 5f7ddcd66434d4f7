package io.svclab.apiserver.grpc;

import com.google.protobuf.Message;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
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
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.apiserver.watch.Watcher;
import io.svclab.client.resource.ResourceKind;
import java.util.function.Supplier;

/**
 * Serves one resource's gRPC service from the generated descriptor: the handlers only move
 * requests into the {@link Registry} and its answers (or Kubernetes errors) back out.
 */
public final class ResourceServiceBinding<T extends Message> {
  private final ResourceKind<T> kind;
  private final Registry registry;
  private final RequestMetrics metrics;

  public ResourceServiceBinding(ResourceKind<T> kind, Registry registry, RequestMetrics metrics) {
    this.kind = kind;
    this.registry = registry;
    this.metrics = metrics;
  }

  public ServerServiceDefinition definition() {
    ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(kind.grpcService());
    b.addMethod(kind.<GetRequest, T>method("Get"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("get", obs, () -> registry.get(kind, req.getNamespace(), req.getName()))));
    b.addMethod(kind.<ListRequest, Message>method("List"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("list", obs, () -> list(req))));
    b.addMethod(kind.<Message, T>method("Create"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("create", obs,
            () -> registry.create(kind, body(req), false, caller()))));
    b.addMethod(kind.<Message, T>method("Update"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("update", obs,
            () -> registry.update(kind, body(req), false, false, caller()))));
    b.addMethod(kind.<Message, T>method("UpdateStatus"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("update_status", obs,
            () -> registry.update(kind, body(req), true, false, caller()))));
    b.addMethod(kind.<DeleteRequest, T>method("Delete"),
        ServerCalls.asyncUnaryCall((req, obs) -> unary("delete", obs, () -> registry.delete(kind, req))));
    b.addMethod(kind.<WatchRequest, Message>method("Watch"),
        ServerCalls.asyncServerStreamingCall(this::watch));
    if (registry.hasScale(kind)) {
      b.addMethod(kind.<GetRequest, Scale>method("GetScale"), ServerCalls.asyncUnaryCall((req, obs) ->
          unary("get_scale", obs, () -> registry.getScale(kind, req.getNamespace(), req.getName()))));
      b.addMethod(kind.<UpdateScaleRequest, Scale>method("UpdateScale"), ServerCalls.asyncUnaryCall((req, obs) ->
          unary("update_scale", obs, () -> registry.updateScale(kind, req.getNamespace(), req.getName(), req.getScale()))));
    }
    return ServerInterceptors.intercept(b.build(), new CallerAgent());
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
    long start = System.nanoTime();
    String code = "OK";
    try {
      R result = call.get();
      obs.onNext(result);
      obs.onCompleted();
    } catch (ApiException e) {
      code = e.code().name();
      obs.onError(GrpcErrors.toStatus(e));
    } catch (RuntimeException e) {
      code = Status.Code.INTERNAL.name();
      obs.onError(GrpcErrors.toStatus(ApiException.internal(e.toString())));
    } finally {
      metrics.observe(verb, kind.plural(), code, (System.nanoTime() - start) / 1e9);
    }
  }

  private void watch(WatchRequest req, StreamObserver<Message> responses) {
    ServerCallStreamObserver<Message> obs = (ServerCallStreamObserver<Message>) responses;
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
