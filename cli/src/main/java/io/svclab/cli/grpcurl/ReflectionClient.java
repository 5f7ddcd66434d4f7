package io.svclab.cli.grpcurl;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
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
import java.util.concurrent.TimeUnit;

/**
 * Learns a server's API the way grpcurl does: through gRPC server reflection (v1), with no
 * .proto files or generated stubs at hand.
 */
final class ReflectionClient {
  private final Channel channel;
  private final Map<String, FileDescriptorProto> protos = new HashMap<>();
  private final Map<String, FileDescriptor> built = new HashMap<>();

  ReflectionClient(Channel channel) {
    this.channel = channel;
  }

  private ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .serverReflectionInfo(new StreamObserver<>() {
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
            answer.completeExceptionally(new IllegalStateException("reflection stream ended without an answer"));
          }
        });
    requests.onNext(request);
    try {
      ServerReflectionResponse r = answer.get(10, TimeUnit.SECONDS);
      if (r.hasErrorResponse()) {
        throw new IllegalArgumentException(r.getErrorResponse().getErrorMessage());
      }
      return r;
    } finally {
      requests.onCompleted();
    }
  }

  List<String> services() throws Exception {
    List<String> names = new ArrayList<>();
    for (ServiceResponse s : ask(ServerReflectionRequest.newBuilder().setListServices("").build())
        .getListServicesResponse().getServiceList()) {
      names.add(s.getName());
    }
    names.sort(String::compareTo);
    return names;
  }

  /** The file that defines a symbol (service, method or message), with its dependencies resolved. */
  FileDescriptor fileContaining(String symbol) throws Exception {
    ServerReflectionResponse r = ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
    FileDescriptorProto first = null;
    for (ByteString bytes : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      FileDescriptorProto p = FileDescriptorProto.parseFrom(bytes);
      protos.putIfAbsent(p.getName(), p);
      if (first == null) {
        first = p;
      }
    }
    if (first == null) {
      throw new IllegalArgumentException("Symbol not found: " + symbol);
    }
    return build(first.getName());
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
      throw new InvalidProtocolBufferException("bad descriptor " + name + ": " + e.getMessage());
    }
  }
}
