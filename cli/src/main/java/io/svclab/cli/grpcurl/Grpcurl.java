package io.svclab.cli.grpcurl;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ./lab grpcurl} run, as cmd/grpcurl/grpcurl.go {@code main} runs: flags, checks,
 * list / describe / invoke, and its exit codes (2 for usage, 1 for failures, 64 + the gRPC status
 * code for a call that ended with an error status).
 */
final class Grpcurl {
  static final String VERSION = "lab grpcurl svclab-0.1.0 (grpcurl's subset)";
  private static final long DEFAULT_CONNECT_SECONDS = 10;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  Grpcurl(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** grpcurl's fail(err, ...) with an error: the message, exit 1. */
  private static final class Failure extends Exception {
    final int exit;

    Failure(String message, int exit) {
      super(message);
      this.exit = exit;
    }
  }

  private static Failure usageError(String message) {
    return new Failure(message + "\nTry '" + GrpcurlFlags.ARGV0 + " -help' for more details.", 2);
  }

  int run(List<String> argv) {
    GoFlagSet.Outcome parsed = GrpcurlFlags.define().parse(argv);
    if (parsed.stop() != null) {
      if (parsed.stop().message() != null) {
        err.println(parsed.stop().message());
      }
      err.print(GrpcurlFlags.usage());
      return parsed.stop().exitCode();
    }
    try {
      return run(parsed.parsed());
    } catch (Failure f) {
      err.println(f.getMessage());
      return f.exit;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int run(GoFlagSet.Parsed flags) throws Failure {
    if (flags.bool("help")) {
      err.print(GrpcurlFlags.usage());
      return 0;
    }
    if (flags.bool("version")) {
      err.println(VERSION);
      return 0;
    }
    if (flags.number("connect-timeout") < 0) {
      throw usageError("The -connect-timeout argument must not be negative.");
    }
    if (flags.number("max-time") < 0) {
      throw usageError("The -max-time argument must not be negative.");
    }
    if (flags.number("max-msg-sz") < 0) {
      throw usageError("The -max-msg-sz argument must not be negative.");
    }
    if (!flags.bool("plaintext") || flags.bool("insecure") || flags.isSet("cacert") || flags.isSet("cert")
        || flags.isSet("key") || flags.isSet("servername")) {
      throw usageError(GrpcurlFlags.PLAINTEXT_ONLY);
    }
    String format = flags.string("format", "json");
    if (!format.equals("json") && !format.equals("text")) {
      throw usageError("The -format option must be 'json' or 'text'.");
    }
    if (flags.bool("emit-defaults") && !format.equals("json")) {
      warn("The -emit-defaults is only used when using json format.");
    }
    List<String> args = new ArrayList<>(flags.args());
    if (args.isEmpty()) {
      throw usageError("Too few arguments.");
    }
    String target = null;
    if (!args.get(0).equals("list") && !args.get(0).equals("describe")) {
      target = args.remove(0);
    }
    if (args.isEmpty()) {
      throw usageError("Too few arguments.");
    }
    String verb = args.get(0).equals("list") || args.get(0).equals("describe") ? args.remove(0) : "invoke";
    String symbol = null;
    if (verb.equals("invoke")) {
      symbol = args.remove(0);
    } else {
      if (flags.isSet("d") && !flags.string("d", "").isEmpty()) {
        warn("The -d argument is not used with 'list' or 'describe' verb.");
      }
      if (!flags.list("rpc-header").isEmpty()) {
        warn("The -rpc-header argument is not used with 'list' or 'describe' verb.");
      }
      if (!args.isEmpty()) {
        symbol = args.remove(0);
      }
    }
    if (!args.isEmpty()) {
      throw usageError("Too many arguments.");
    }
    if (verb.equals("invoke") && target == null) {
      throw usageError("No host:port specified.");
    }
    if (target == null) {
      throw usageError("No host:port specified, no protoset specified, and no proto sources specified.");
    }

    dialCheck(target, flags.number("connect-timeout"));
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).usePlaintext()
        .userAgent("grpcurl/" + VERSION);
    if (flags.number("max-msg-sz") > 0) {
      builder.maxInboundMessageSize((int) flags.number("max-msg-sz"));
    }
    ManagedChannel channel = builder.build();
    // -max-time counts from here: a JVM needs seconds to load Netty, which a Go binary does not
    Deadline deadline = flags.number("max-time") > 0
        ? Deadline.after((long) (flags.number("max-time") * 1e9), TimeUnit.NANOSECONDS) : null;
    try {
      List<String> reflectHeaders = new ArrayList<>(flags.list("H"));
      reflectHeaders.addAll(flags.list("reflect-header"));
      ReflectionClient reflection = new ReflectionClient(withHeaders(channel, reflectHeaders), deadline);
      return switch (verb) {
        case "list" -> list(reflection, symbol);
        case "describe" -> describe(reflection, symbol);
        default -> {
          List<String> rpcHeaders = new ArrayList<>(flags.list("H"));
          rpcHeaders.addAll(flags.list("rpc-header"));
          yield invoke(channel, reflection, symbol, rpcHeaders, deadline, flags, format);
        }
      };
    } finally {
      channel.shutdownNow();
      try {
        channel.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void warn(String message) {
    err.println("Warning: " + message);
  }

  /**
   * grpcurl dials TCP itself (BlockingDial's dialer) and fails at once with Go's net error, or
   * after -connect-timeout (default 10 s) with the context's error.
   */
  private static void dialCheck(String target, double connectTimeout) throws Failure {
    int colon = target.lastIndexOf(':');
    if (colon < 0) {
      throw new Failure("Failed to dial target host \"" + target + "\": address " + target + ": missing port in address", 1);
    }
    String host = target.substring(0, colon).replace("[", "").replace("]", "");
    int port;
    try {
      port = Integer.parseInt(target.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new Failure("Failed to dial target host \"" + target + "\": unknown port " + target.substring(colon + 1), 1);
    }
    long millis = connectTimeout > 0 ? (long) (connectTimeout * 1000) : DEFAULT_CONNECT_SECONDS * 1000;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
    } catch (SocketTimeoutException e) {
      throw new Failure("Failed to dial target host \"" + target + "\": context deadline exceeded", 1);
    } catch (ConnectException e) {
      throw new Failure("Failed to dial target host \"" + target + "\": dial tcp " + target + ": connect: connection refused", 1);
    } catch (IOException e) {
      throw new Failure("Failed to dial target host \"" + target + "\": dial tcp " + target + ": " + e.getMessage(), 1);
    }
  }

  /** MetadataFromHeaders: split at the first colon, both sides trimmed, names lower-cased, -bin values base64. */
  static Metadata headers(List<String> headers) {
    Metadata md = new Metadata();
    for (String h : headers) {
      if (h.isEmpty()) {
        continue;
      }
      int colon = h.indexOf(':');
      String name = (colon < 0 ? h : h.substring(0, colon)).trim().toLowerCase();
      String value = colon < 0 ? "" : h.substring(colon + 1).trim();
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        byte[] bytes;
        try {
          bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException notStd) {
          try {
            bytes = Base64.getUrlDecoder().decode(value);
          } catch (IllegalArgumentException raw) {
            bytes = value.getBytes(StandardCharsets.UTF_8);
          }
        }
        md.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER), bytes);
      } else {
        md.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
      }
    }
    return md;
  }

  private static Channel withHeaders(Channel channel, List<String> headers) {
    return headers.isEmpty() ? channel
        : ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers(headers)));
  }

  private int list(ReflectionClient reflection, String service) throws Failure {
    if (service == null) {
      List<String> services;
      try {
        services = new ArrayList<>(reflection.services());
      } catch (Exception e) {
        throw new Failure("Failed to list services: " + message(e), 1);
      }
      services.sort(null);
      if (services.isEmpty()) {
        out.println("(No services)");
      }
      services.forEach(out::println);
      return 0;
    }
    List<String> methods = new ArrayList<>();
    try {
      if (!(reflection.symbol(service) instanceof ServiceDescriptor s)) {
        throw new ReflectionClient.NotFound("Service not found: " + service);
      }
      s.getMethods().forEach(m -> methods.add(m.getFullName()));
    } catch (Exception e) {
      throw new Failure("Failed to list methods for service \"" + service + "\": " + message(e), 1);
    }
    methods.sort(null);
    if (methods.isEmpty()) {
      out.println("(No methods)");
    }
    methods.forEach(out::println);
    return 0;
  }

  private int describe(ReflectionClient reflection, String symbol) throws Failure {
    List<String> symbols = new ArrayList<>();
    if (symbol != null) {
      symbols.add(symbol);
    } else {
      try {
        symbols.addAll(reflection.services());
      } catch (Exception e) {
        throw new Failure("Failed to list services: " + message(e), 1);
      }
      if (symbols.isEmpty()) {
        out.println("Server returned an empty list of exposed services");
      }
    }
    for (String s : symbols) {
      String name = s.startsWith(".") ? s.substring(1) : s;
      Object d;
      try {
        d = reflection.symbol(name);
      } catch (Exception e) {
        throw new Failure("Failed to resolve symbol \"" + name + "\": " + message(e), 1);
      }
      String fullName = fullName(d);
      String element;
      if (d instanceof Descriptor m) {
        element = "a message";
        if (m.getOptions().getMapEntry() && m.getContainingType() != null) {
          for (FieldDescriptor f : m.getContainingType().getFields()) {
            if (f.isMapField() && f.getMessageType() == m) {
              element = "the entry type for a map field";
              d = f;
              break;
            }
          }
        }
      } else if (d instanceof FieldDescriptor f) {
        element = f.isExtension() ? "an extension" : "a field";
      } else if (d instanceof OneofDescriptor) {
        element = "a one-of";
      } else if (d instanceof EnumDescriptor) {
        element = "an enum";
      } else if (d instanceof EnumValueDescriptor) {
        element = "an enum value";
      } else if (d instanceof ServiceDescriptor) {
        element = "a service";
      } else {
        element = "a method";
      }
      out.print(fullName + " is " + element + ":\n");
      out.println(ProtoSource.of(d));
    }
    return 0;
  }

  private static String fullName(Object d) {
    if (d instanceof Descriptor x) {
      return x.getFullName();
    } else if (d instanceof FieldDescriptor x) {
      return x.getFullName();
    } else if (d instanceof OneofDescriptor x) {
      return x.getFullName();
    } else if (d instanceof EnumDescriptor x) {
      return x.getFullName();
    } else if (d instanceof EnumValueDescriptor x) {
      return x.getFullName();
    } else if (d instanceof ServiceDescriptor x) {
      return x.getFullName();
    }
    return ((MethodDescriptor) d).getFullName();
  }

  private static String message(Exception e) {
    if (e instanceof io.grpc.StatusRuntimeException s) {
      return "rpc error: code = " + StatusText.codeName(s.getStatus().getCode()) + " desc = "
          + (s.getStatus().getDescription() == null ? "" : s.getStatus().getDescription());
    }
    if (e instanceof io.grpc.StatusException s) {
      return "rpc error: code = " + StatusText.codeName(s.getStatus().getCode()) + " desc = "
          + (s.getStatus().getDescription() == null ? "" : s.getStatus().getDescription());
    }
    return e.getMessage();
  }

  private int invoke(ManagedChannel channel, ReflectionClient reflection, String symbol, List<String> headers,
      Deadline deadline, GoFlagSet.Parsed flags, String format) throws Failure {
    boolean verbose = flags.bool("v");
    String failure = "Error invoking method \"" + symbol + "\": ";
    int slash = symbol.lastIndexOf('/');
    int pos = slash >= 0 ? slash : symbol.lastIndexOf('.');
    String svc = pos < 0 ? "" : symbol.substring(0, pos);
    String mth = pos < 0 ? "" : symbol.substring(pos + 1);
    if (svc.isEmpty() || mth.isEmpty()) {
      throw new Failure(failure + "given method name \"" + symbol
          + "\" is not in expected format: 'service/method' or 'service.method'", 1);
    }
    Object found;
    try {
      found = reflection.symbol(svc);
    } catch (ReflectionClient.NotFound e) {
      throw new Failure(failure + "target server does not expose service \"" + svc + "\"", 1);
    } catch (Exception e) {
      throw new Failure(failure + "failed to query for service descriptor \"" + svc + "\": " + message(e), 1);
    }
    if (!(found instanceof ServiceDescriptor service)) {
      throw new Failure(failure + "target server does not expose service \"" + svc + "\"", 1);
    }
    MethodDescriptor method = service.findMethodByName(mth);
    if (method == null) {
      throw new Failure(failure + "service \"" + svc + "\" does not include a method named \"" + mth + "\"", 1);
    }
    if (verbose) {
      out.print("\nResolved method descriptor:\n" + ProtoSource.of(method) + "\n");
    }
    String body;
    try {
      body = "@".equals(flags.string("d", "")) ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
          : flags.string("d", "");
    } catch (IOException e) {
      throw new Failure(failure + "error getting request data: " + e.getMessage(), 1);
    }
    List<DynamicMessage> requests;
    try {
      requests = RequestData.parse(body, format, method.getInputType(), flags.bool("allow-unknown-fields"));
    } catch (IllegalArgumentException e) {
      throw new Failure(failure + "error getting request data: " + e.getMessage(), 1);
    }
    if (!method.isClientStreaming() && requests.size() > 1) {
      throw new Failure(failure + "method \"" + method.getFullName() + "\" is a "
          + (method.isServerStreaming() ? "server-streaming" : "unary")
          + " RPC, but request data contained more than 1 message", 1);
    }
    Metadata md = headers(headers);
    if (verbose) {
      out.print("\nRequest metadata to send:\n" + StatusText.metadata(md) + "\n");
    }
    ProtoJson json = new ProtoJson(flags.bool("emit-defaults"), reflection::messageOrNull);
    ResponseFormat formatter = format.equals("json") ? new ResponseFormat.Json(json) : new ResponseFormat.Text();
    Invocation.Result result = new Invocation(withHeaders(channel, headers), method, deadline).run(
        method.isClientStreaming() ? requests
            : List.of(requests.isEmpty() ? DynamicMessage.getDefaultInstance(method.getInputType()) : requests.get(0)),
        new Invocation.Events() {
          int responses;

          @Override
          public void headers(Metadata received) {
            if (verbose) {
              out.print("\nResponse headers received:\n" + StatusText.metadata(received) + "\n");
            }
          }

          @Override
          public void response(DynamicMessage message) {
            if (verbose) {
              out.print("\nResponse contents:\n");
            }
            out.println(formatter.message(message, !verbose && ++responses > 1));
            out.flush();
          }

          @Override
          public void trailers(Metadata received) {
            if (verbose) {
              out.print("\nResponse trailers received:\n" + StatusText.metadata(received) + "\n");
            }
          }
        });
    int sent = method.isClientStreaming() ? requests.size() : 1;
    if (verbose) {
      out.printf("Sent %d request%s and received %d response%s%n", sent, sent == 1 ? "" : "s",
          result.responses(), result.responses() == 1 ? "" : "s");
    }
    Status status = result.status();
    if (status.isOk()) {
      return 0;
    }
    String description = status.getCode() == Status.Code.DEADLINE_EXCEEDED && deadline != null && deadline.isExpired()
        ? "context deadline exceeded" : status.getDescription();
    com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, result.trailers());
    List<Any> anys = details == null ? List.of() : details.getDetailsList();
    out.flush();
    err.print(StatusText.error(status.getCode(), description, anys, formatter::detail));
    return 64 + status.getCode().value();
  }
}
