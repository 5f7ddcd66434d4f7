package io.svclab.cli.grpcurl;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab grpcurl}: grpcurl's everyday subset (list, describe, invoke with -d JSON) over
 * server reflection, for machines without grpcurl. The flags and output follow grpcurl, so
 * every command in the tour works with either.
 */
@Command(name = "grpcurl", description = "grpcurl's subset: list, describe, and calls with -d JSON, via reflection.")
public final class GrpcurlCommand implements Callable<Integer> {
  @Option(names = "-plaintext", description = "Use plain-text HTTP/2 (the lab has no TLS).")
  boolean plaintext;

  @Option(names = "-d", description = "Request body as JSON ('@' reads standard input).")
  String data;

  @Option(names = "-emit-defaults", description = "Print fields with default values too.")
  boolean emitDefaults;

  @Option(names = "-max-time", description = "Seconds before the call is abandoned (0 = none for streams).")
  double maxTime;

  @Parameters(index = "0", description = "host:port")
  String address;

  @Parameters(index = "1..*", arity = "1..2", description = "list [SERVICE] | describe SYMBOL | SERVICE/METHOD")
  List<String> words;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    ManagedChannel channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
    try {
      ReflectionClient reflection = new ReflectionClient(channel);
      String verb = words.get(0);
      if ("list".equals(verb)) {
        if (words.size() == 1) {
          reflection.services().forEach(out::println);
        } else {
          ServiceDescriptor svc = service(reflection, words.get(1));
          svc.getMethods().forEach(m -> out.println(svc.getFullName() + "." + m.getName()));
        }
        return 0;
      }
      if ("describe".equals(verb)) {
        String symbol = words.get(1);
        FileDescriptor fd = reflection.fileContaining(symbol);
        var svc = fd.findServiceByName(symbol.substring(symbol.lastIndexOf('.') + 1));
        out.println(svc != null ? svc.toProto() : fd.findMessageTypeByName(symbol.substring(symbol.lastIndexOf('.') + 1)).toProto());
        return 0;
      }
      return invoke(channel, reflection, verb);
    } catch (StatusRuntimeException e) {
      return printError(e);
    } finally {
      channel.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
    }
  }

  private static ServiceDescriptor service(ReflectionClient reflection, String name) throws Exception {
    FileDescriptor fd = reflection.fileContaining(name);
    ServiceDescriptor svc = fd.findServiceByName(name.substring(name.lastIndexOf('.') + 1));
    if (svc == null) {
      throw new IllegalArgumentException("Service not found: " + name);
    }
    return svc;
  }

  private int invoke(ManagedChannel channel, ReflectionClient reflection, String target) throws Exception {
    int slash = target.lastIndexOf('/') >= 0 ? target.lastIndexOf('/') : target.lastIndexOf('.');
    String serviceName = target.substring(0, slash);
    ServiceDescriptor svc = service(reflection, serviceName);
    MethodDescriptor method = svc.findMethodByName(target.substring(slash + 1));
    if (method == null) {
      System.err.println("Failed to invoke: service \"" + serviceName + "\" does not include a method named \""
          + target.substring(slash + 1) + "\"");
      return 1;
    }
    DynamicMessage.Builder request = DynamicMessage.newBuilder(method.getInputType());
    String body = data == null ? "{}" : "@".equals(data) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : data;
    JsonFormat.parser().merge(body, request);
    io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod =
        io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
            .setType(method.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                : io.grpc.MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(svc.getFullName(), method.getName()))
            .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
            .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
            .build();
    JsonFormat.Printer printer = JsonFormat.printer();
    if (emitDefaults) {
      printer = printer.includingDefaultValueFields();
    }
    CallOptions options = CallOptions.DEFAULT;
    if (maxTime > 0) {
      options = options.withDeadlineAfter((long) (maxTime * 1000), TimeUnit.MILLISECONDS);
    }
    if (method.isServerStreaming()) {
      Iterator<DynamicMessage> it = ClientCalls.blockingServerStreamingCall(channel, grpcMethod, options, request.build());
      while (it.hasNext()) {
        out.println(printer.print(it.next()));
        out.flush();
      }
    } else {
      out.println(printer.print(ClientCalls.blockingUnaryCall(channel, grpcMethod, options, request.build())));
    }
    return 0;
  }

  /** grpcurl's error block and exit code (64 + the gRPC status code). */
  private static int printError(StatusRuntimeException e) {
    String code = camel(e.getStatus().getCode().name());
    System.err.println("ERROR:");
    System.err.println("  Code: " + code);
    System.err.println("  Message: " + (e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription()));
    return 64 + e.getStatus().getCode().value();
  }

  private static String camel(String enumName) {
    StringBuilder sb = new StringBuilder();
    for (String part : enumName.split("_")) {
      sb.append(part.charAt(0)).append(part.substring(1).toLowerCase());
    }
    return sb.toString().replace("Ok", "OK");
  }
}
