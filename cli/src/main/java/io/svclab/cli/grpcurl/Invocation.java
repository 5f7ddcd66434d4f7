package io.svclab.cli.grpcurl;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One call of any kind, its events handed to the caller's thread in order (headers, each
 * response, trailers), as grpcurl's InvocationEventHandler sees them (invoke.go).
 */
final class Invocation {
  interface Events {
    void headers(Metadata headers);

    void response(DynamicMessage message);

    void trailers(Metadata trailers);
  }

  record Result(Status status, Metadata trailers, int responses) {}

  private sealed interface Event permits Headers, Response, Closed {}

  private record Headers(Metadata headers) implements Event {}

  private record Response(DynamicMessage message) implements Event {}

  private record Closed(Status status, Metadata trailers) implements Event {}

  private final Channel channel;
  private final MethodDescriptor method;
  private final Deadline deadline;

  Invocation(Channel channel, MethodDescriptor method, Deadline deadline) {
    this.channel = channel;
    this.method = method;
    this.deadline = deadline;
  }

  Result run(List<DynamicMessage> requests, Events events) {
    MethodType type = method.isClientStreaming()
        ? (method.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING)
        : (method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY);
    io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod =
        io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(type)
            .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(
                method.getService().getFullName(), method.getName()))
            .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
            .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
            .build();
    CallOptions options = deadline == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withDeadline(deadline);
    ClientCall<DynamicMessage, DynamicMessage> call = channel.newCall(grpcMethod, options);
    LinkedBlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onHeaders(Metadata headers) {
        queue.add(new Headers(headers));
      }

      @Override
      public void onMessage(DynamicMessage message) {
        queue.add(new Response(message));
        call.request(1);
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        queue.add(new Closed(status, trailers));
      }
    }, new Metadata());
    call.request(1);
    for (DynamicMessage r : requests) {
      call.sendMessage(r);
    }
    call.halfClose();
    boolean sawHeaders = false;
    int responses = 0;
    while (true) {  // ends with the call: onClose always comes (deadline, cancel or the server's end)
      Event e;
      try {
        e = queue.take();
      } catch (InterruptedException interrupted) {
        call.cancel("interrupted", interrupted);
        Thread.currentThread().interrupt();
        return new Result(Status.CANCELLED.withDescription("context canceled"), new Metadata(), responses);
      }
      if (e instanceof Headers h) {
        sawHeaders = true;
        events.headers(h.headers());
      } else if (e instanceof Response r) {
        responses++;
        events.response(r.message());
      } else if (e instanceof Closed c) {
        if (!sawHeaders) {
          events.headers(new Metadata());
        }
        events.trailers(c.trailers());
        return new Result(c.status(), c.trailers(), responses);
      }
    }
  }
}
