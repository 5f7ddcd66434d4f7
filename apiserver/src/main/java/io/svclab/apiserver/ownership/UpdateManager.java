package io.svclab.apiserver.ownership;

/**
 * Who an update (create, PUT, a non-apply patch, a status write) is recorded under in
 * {@code managedFields}, and whether its body asked to reset them: kube-apiserver tells
 * {@code "managedFields": []} (reset) from no managedFields at all (keep), which the proto model
 * cannot, so the REST door reads it off the JSON body.
 */
public record UpdateManager(String name, boolean resetRequested) {
  public static UpdateManager named(String name) {
    return new UpdateManager(name, false);
  }

  /**
   * The manager of a gRPC write, which has no {@code fieldManager} option: the application's part of
   * the call's {@code user-agent} (grpc-java sends {@code "<application> grpc-java-netty/1.x"},
   * grpc-go {@code "grpcurl/1.9.1 grpc-go/1.61.0"}) up to its first {@code /}, as kube-apiserver
   * names a REST writer after its User-Agent: {@code endpoints-controller}, {@code grpcurl}, or
   * {@code grpc-java-netty} for a client that names no application.
   */
  public static UpdateManager fromGrpcUserAgent(String userAgent) {
    String trimmed = userAgent == null ? "" : userAgent.trim();
    String first = trimmed.isEmpty() ? "" : trimmed.split("\\s+", 2)[0];
    return named(first.split("/", 2)[0]);
  }
}
