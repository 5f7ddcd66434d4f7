package io.svclab.cli.grpcurl;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Learns a server's API the way grpcurl does: through gRPC server reflection (v1), with no
 * .proto files or generated stubs at hand. Errors carry grpcurl's wording (jhump/protoreflect
 * grpcreflect: {@code Symbol not found: NAME}; grpcurl.go: {@code server does not support the
 * reflection API}).
 */
final class ReflectionClient {
  /** A name the server does not know, or a file it could not serve. */
  static final class NotFound extends Exception {
    NotFound(String message) {
      super(message);
    }
  }

  private static final long ANSWER_SECONDS = 30;

  private final Channel channel;
  private final Deadline deadline;
  private final Map<String, FileDescriptorProto> protos = new HashMap<>();
  private final Map<String, FileDescriptor> built = new HashMap<>();

  /** @param deadline -max-time, or null */
  ReflectionClient(Channel channel, Deadline deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  private ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    ServerReflectionGrpc.ServerReflectionStub stub = ServerReflectionGrpc.newStub(channel);
    if (deadline != null) {
      stub = stub.withDeadline(deadline);
    }
    StreamObserver<ServerReflectionRequest> requests = stub.serverReflectionInfo(new StreamObserver<>() {
      @Override
      public void onNext(ServerReflectionResponse value) {
        answer.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        answer.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        answer.completeExceptionally(Status.INTERNAL.withDescription("reflection stream ended without an answer")
            .asRuntimeException());
      }
    });
    requests.onNext(request);
    try {
      return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        throw new IllegalStateException("server does not support the reflection API");
      }
      throw e.getCause() instanceof Exception c ? c : e;
    } finally {
      requests.onCompleted();
    }
  }

  /** The services in the server's order (grpcurl sorts them for {@code list}, not for {@code describe}). */
  List<String> services() throws Exception {
    List<String> names = new ArrayList<>();
    for (ServiceResponse s : ask(ServerReflectionRequest.newBuilder().setListServices("").build())
        .getListServicesResponse().getServiceList()) {
      names.add(s.getName());
    }
    return names;
  }

  /** The descriptor (service, method, message, enum, enum value, field, oneof) with this full name. */
  Object symbol(String name) throws Exception {
    ServerReflectionResponse r = ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(name).build());
    if (r.hasErrorResponse()) {
      if (r.getErrorResponse().getErrorCode() == Status.Code.NOT_FOUND.value()) {
        throw new NotFound("Symbol not found: " + name);
      }
      throw Status.fromCodeValue(r.getErrorResponse().getErrorCode())
          .withDescription(r.getErrorResponse().getErrorMessage()).asException();
    }
    FileDescriptorProto first = null;
    for (ByteString bytes : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      FileDescriptorProto p = FileDescriptorProto.parseFrom(bytes);
      protos.putIfAbsent(p.getName(), p);
      if (first == null) {
        first = p;
      }
    }
    Object found = first == null ? null : find(build(first.getName()), name);
    if (found == null) {
      throw new NotFound("Symbol not found: " + name);
    }
    return found;
  }

  /** A message type by full name, or null when the server does not know it (for Any values). */
  Descriptor messageOrNull(String name) {
    try {
      return symbol(name) instanceof Descriptor d ? d : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static Object find(FileDescriptor fd, String name) {
    for (ServiceDescriptor s : fd.getServices()) {
      if (s.getFullName().equals(name)) {
        return s;
      }
      for (var m : s.getMethods()) {
        if (m.getFullName().equals(name)) {
          return m;
        }
      }
    }
    for (EnumDescriptor e : fd.getEnumTypes()) {
      Object hit = find(e, name);
      if (hit != null) {
        return hit;
      }
    }
    for (Descriptor d : fd.getMessageTypes()) {
      Object hit = find(d, name);
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  private static Object find(Descriptor d, String name) {
    if (d.getFullName().equals(name)) {
      return d;
    }
    for (var f : d.getFields()) {
      if (f.getFullName().equals(name)) {
        return f;
      }
    }
    for (var o : d.getRealOneofs()) {
      if (o.getFullName().equals(name)) {
        return o;
      }
    }
    for (EnumDescriptor e : d.getEnumTypes()) {
      Object hit = find(e, name);
      if (hit != null) {
        return hit;
      }
    }
    for (Descriptor n : d.getNestedTypes()) {
      Object hit = find(n, name);
      if (hit != null) {
        return hit;
      }
    }
    return null;
  }

  private static Object find(EnumDescriptor e, String name) {
    if (e.getFullName().equals(name)) {
      return e;
    }
    for (var v : e.getValues()) {
      if (v.getFullName().equals(name)) {
        return v;
      }
    }
    return null;
  }

  private FileDescriptor build(String name) throws Exception {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      ServerReflectionResponse r = ask(ServerReflectionRequest.newBuilder().setFileByFilename(name).build());
      for (ByteString bytes : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
        FileDescriptorProto p = FileDescriptorProto.parseFrom(bytes);
        protos.putIfAbsent(p.getName(), p);
      }
      proto = protos.get(name);
      if (proto == null) {
        throw new NotFound("File not found: " + name);
      }
    }
    List<FileDescriptor> deps = new ArrayList<>();
    for (String dep : proto.getDependencyList()) {
      deps.add(build(dep));
    }
    try {
      FileDescriptor fd = FileDescriptor.buildFrom(proto, deps.toArray(new FileDescriptor[0]));
      built.put(name, fd);
      return fd;
    } catch (Descriptors.DescriptorValidationException e) {
      throw new IllegalStateException("bad descriptor " + name + ": " + e.getMessage(), e);
    }
  }
}
