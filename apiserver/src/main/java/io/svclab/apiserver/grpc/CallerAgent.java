package io.svclab.apiserver.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Carries each call's {@code user-agent} header into its {@link Context}, so a write can be
 * recorded in {@code managedFields} under the caller's name (gRPC has no {@code fieldManager} option).
 */
final class CallerAgent implements ServerInterceptor {
  private static final Metadata.Key<String> USER_AGENT = Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER);
  static final Context.Key<String> KEY = Context.key("svclab-user-agent");

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    String agent = headers.get(USER_AGENT);
    return Contexts.interceptCall(Context.current().withValue(KEY, agent == null ? "" : agent), call, headers, next);
  }

  /** The current call's user-agent, empty outside a call. */
  static String current() {
    String agent = KEY.get();
    return agent == null ? "" : agent;
  }
}
