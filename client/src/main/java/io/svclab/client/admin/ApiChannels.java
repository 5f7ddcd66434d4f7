package io.svclab.client.admin;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolverRegistry;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;

/**
 * Channels to the apiserver. Targets are {@code host:port} (TCP, plaintext),
 * {@code unix:/path/to/socket} (Unix domain socket, Linux epoll; used by node components
 * in network namespaces, ARCHITECTURE.md, Addresses), or a comma-separated list of
 * {@code host:port} / {@code http://host:port} ({@link ApiTargets}): one channel over all of them
 * that fails over. gRPC's pick_first connects to the first address that answers, and when that
 * connection drops (its apiserver died) the next call reconnects to the first live one; open
 * watches end with UNAVAILABLE and the informers resume them there ({@code ReconnectBackoff}).
 *
 * <p>Watches are long-lived and mostly quiet, so the client pings every
 * {@link #KEEPALIVE_TIME_SECONDS} s to notice a dead apiserver or a silently dropped
 * connection. Servers must permit that ({@link #permitClientKeepAlive}), or they answer
 * the pings with GOAWAY "too_many_pings".
 */
public final class ApiChannels {
  private ApiChannels() {}

  public static final String DEFAULT_TARGET = "127.0.0.1:6443";
  public static final long KEEPALIVE_TIME_SECONDS = 30;
  public static final long KEEPALIVE_TIMEOUT_SECONDS = 10;
  /** Large lists (thousands of pods) must fit; gRPC's default is 4 MiB. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  static {
    NameResolverRegistry.getDefaultRegistry().register(new StaticAddressResolverProvider());
  }

  /** The application named in every channel's user-agent ({@link #nameCaller}); null: grpc-java's own only. */
  private static volatile String caller;

  /**
   * Names this process in the {@code user-agent} of the channels made afterwards (grpc-java sends
   * {@code "<name> grpc-java-netty/1.x"}), so the apiserver records its writes in
   * {@code managedFields} under this name, as Kubernetes' components appear under theirs.
   * {@link ServiceProcess#start} calls it with the component's name.
   */
  public static void nameCaller(String name) {
    caller = name;
  }

  /** A channel to {@code target}: one address or a list ({@link ApiTargets#parse}, which names a bad entry). */
  public static ManagedChannel forTarget(String target) {
    return forTargets(ApiTargets.parse(target));
  }

  public static ManagedChannel forTargets(ApiTargets targets) {
    ApiTarget first = targets.targets().get(0);
    ManagedChannelBuilder<?> builder;
    if (first instanceof ApiTarget.Unix unix) {
      // grpc-netty-shaded registers a channel provider for unix: targets (epoll domain sockets)
      builder = Grpc.newChannelBuilder(unix.target(), InsecureChannelCredentials.create());
    } else if (targets.single()) {
      builder = NettyChannelBuilder.forTarget(((ApiTarget.Tcp) first).authority()).usePlaintext();
    } else {
      builder = NettyChannelBuilder.forTarget(StaticAddressResolverProvider.target(targets)).usePlaintext();
    }
    if (caller != null) {
      builder.userAgent(caller);
    }
    return builder
        .keepAliveTime(KEEPALIVE_TIME_SECONDS, TimeUnit.SECONDS)
        .keepAliveTimeout(KEEPALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(false)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .build();
  }

  /** Server side of the keepalive contract: accept the client pings described above. */
  public static <B extends ServerBuilder<B>> B permitClientKeepAlive(B builder) {
    return builder
        .permitKeepAliveTime(KEEPALIVE_TIME_SECONDS / 2, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES);
  }
}
