package io.svclab.cli.grpcurl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.apiserver.ApiServer;
import io.svclab.apiserver.ApiServerConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ./lab grpcurl} against a real apiserver (in this JVM, on a free port), its stdout, stderr
 * and exit code compared byte for byte with the files in {@code src/test/resources/grpcurl/}, each
 * written from grpcurl's source (SOURCES.md there says which rule comes from where).
 */
class GrpcurlGoldenTest {
  @TempDir static Path dir;
  static ApiServer api;
  static String address;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    api = new ApiServer(ApiServerConfig.defaults(dir).withPorts(port, 0),
        new PrometheusRegistry());
    address = "127.0.0.1:" + api.port();
    Run created = grpcurl("", "-plaintext", "-d", "{\"service\":{\"metadata\":{\"name\":\"web\",\"labels\":{\"tier\":\"front\","
        + "\"app\":\"web\"}},\"spec\":{\"selector\":{\"app\":\"web\"},\"ports\":[{\"port\":80,\"targetPort\":{\"number\":8080}}]}}}",
        address, "svclab.api.v1.Services/Create");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(normalized(created.out())).isEqualTo(golden("create.json"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Run grpcurl(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int exit = new Grpcurl(in, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static String golden(String name) throws IOException {
    try (InputStream in = GrpcurlGoldenTest.class.getResourceAsStream("/grpcurl/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The values the apiserver picks at random or from the clock, named (SOURCES.md, "volatile values"). */
  static String normalized(String json) {
    return json.replaceAll("\"uid\": \"[0-9a-f-]{36}\"", "\"uid\": \"<uid>\"")
        .replaceAll("\"resourceVersion\": \"\\d+\"", "\"resourceVersion\": \"<resourceVersion>\"")
        .replaceAll("\"creationTimestamp\": \"[0-9T:.-]+Z\"", "\"creationTimestamp\": \"<creationTimestamp>\"")
        .replaceAll("\"time\": \"[0-9T:.-]+Z\"", "\"time\": \"<time>\"")
        .replaceAll("\"127\\.96\\.\\d+\\.\\d+\"", "\"<clusterIP>\"");
  }

  static Stream<Arguments> calls() {
    return Stream.of(
        Arguments.of("list", new String[] {"-plaintext", "ADDR", "list"}, 0, "list.txt", null),
        Arguments.of("list SERVICE", new String[] {"-plaintext", "ADDR", "list", "svclab.api.v1.Services"}, 0,
            "list-services.txt", null),
        Arguments.of("describe a service", new String[] {"-plaintext", "ADDR", "describe", "svclab.api.v1.Services"}, 0,
            "describe-service.txt", null),
        Arguments.of("describe a message (json_name, optional, map)",
            new String[] {"-plaintext", "ADDR", "describe", "svclab.api.v1.ServiceSpec"}, 0, "describe-message.txt", null),
        Arguments.of("describe a message with a nested message",
            new String[] {"-plaintext", "ADDR", "describe", ".google.rpc.BadRequest"}, 0, "describe-nested.txt", null),
        Arguments.of("describe a message with an enum field",
            new String[] {"-plaintext", "ADDR", "describe", "svclab.api.v1.ServiceWatchEvent"}, 0, "describe-enum-field.txt",
            null),
        Arguments.of("describe an enum: grpc-java's reflection does not index enums",
            new String[] {"-plaintext", "ADDR", "describe", "svclab.api.v1.EventType"}, 1, null, "error-enum.txt"),
        Arguments.of("describe a method", new String[] {"--plaintext", "ADDR", "describe", "svclab.api.v1.Services.Watch"},
            0, "describe-method.txt", null),
        Arguments.of("unary Get", new String[] {"-plaintext", "-d", "{\"namespace\":\"default\",\"name\":\"web\"}", "ADDR",
            "svclab.api.v1.Services/Get"}, 0, "get.json", null),
        Arguments.of("Invalid Create: Details decoded", new String[] {"-plaintext", "-d",
            "{\"service\":{\"metadata\":{\"name\":\"bad\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}}}",
            "ADDR", "svclab.api.v1.Services/Create"}, 67, null, "error-invalid.txt"),
        Arguments.of("NotFound Get", new String[] {"-plaintext", "-d", "{\"namespace\":\"default\",\"name\":\"nope\"}",
            "ADDR", "svclab.api.v1.Services.Get"}, 69, null, "error-notfound.txt"),
        Arguments.of("unknown flag", new String[] {"-foo", "ADDR", "list"}, 2, null, "unknown-flag.txt"),
        Arguments.of("no -plaintext", new String[] {"ADDR", "list"}, 2, null, "plaintext-only.txt"),
        Arguments.of("unknown service", new String[] {"-plaintext", "ADDR", "svclab.api.v1.Nope/Get"}, 1, null,
            "error-unknown-service.txt"),
        Arguments.of("unknown symbol", new String[] {"-plaintext", "ADDR", "describe", "svclab.api.v1.Nope"}, 1, null,
            "error-unknown-symbol.txt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void matchesTheGoldenFile(String name, String[] args, int exit, String stdoutFile, String stderrFile) throws IOException {
    List<String> withAddress = new ArrayList<>();
    for (String a : args) {
      withAddress.add(a.equals("ADDR") ? address : a);
    }
    Run run = grpcurl("", withAddress.toArray(String[]::new));
    assertThat(run.exit()).as(run.err()).isEqualTo(exit);
    assertThat(normalized(run.out())).isEqualTo(stdoutFile == null ? "" : golden(stdoutFile));
    assertThat(run.err().replace(address, "ADDR")).isEqualTo(stderrFile == null ? "" : golden(stderrFile));
  }

  @Test
  void stdinBodyWithAtAndHeadersAsMetadata() {
    Run run = grpcurl("{\"namespace\":\"default\",\"name\":\"web\"}", "-plaintext", "-H", "x-trace: 1", "-d", "@",
        "-v", address, "svclab.api.v1.Services/Get");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("\nResolved method descriptor:\n"
            + "rpc Get ( .svclab.api.v1.GetRequest ) returns ( .svclab.api.v1.Service );\n\n"
            + "Request metadata to send:\nx-trace: 1\n\nResponse headers received:\n")
        .contains("\nResponse contents:\n{\n  \"apiVersion\": \"v1\",")
        .contains("\nResponse trailers received:\n")
        .endsWith("Sent 1 request and received 1 response\n");
  }

  @Test
  void reflectionServesTheErrorDetailsFile() throws Exception {
    ManagedChannel channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
    try {
      CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
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
            public void onCompleted() {}
          });
      requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol("google.rpc.BadRequest").build());
      ServerReflectionResponse r = answer.get(60, TimeUnit.SECONDS);
      requests.onCompleted();
      assertThat(r.hasErrorResponse()).as(r.getErrorResponse().getErrorMessage()).isFalse();
      FileDescriptorProto file = FileDescriptorProto.parseFrom(r.getFileDescriptorResponse().getFileDescriptorProto(0));
      assertThat(file.getName()).isEqualTo("google/rpc/error_details.proto");
      assertThat(file.getMessageTypeList()).extracting(m -> m.getName()).contains("ErrorInfo", "BadRequest");
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
