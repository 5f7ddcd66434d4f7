package io.svclab.client.admin;

import static io.svclab.client.testing.Objects.newService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.testing.FakeApiServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiChannelsTest {
  @Test
  void talksToTheApiOverAUnixDomainSocket(@TempDir Path dir) throws Exception {
    assumeTrue(Epoll.isAvailable(), "epoll (Linux) is needed for unix sockets");
    Path socket = dir.resolve("api.sock");
    EventLoopGroup group = new EpollEventLoopGroup(1);
    try (FakeApiServer<Service> api = new FakeApiServer<>(ResourceKinds.SERVICES)) {
      api.start(ApiChannels.permitClientKeepAlive(NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
          .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(group).workerEventLoopGroup(group))
          .addService(api.definition()).build());
      assertThat(Files.exists(socket)).isTrue();
      api.create(newService("default", "web"));
      ManagedChannel channel = ApiChannels.forTarget("unix:" + socket);
      try {
        Service web = new ResourceClient<>(channel, ResourceKinds.SERVICES).get("default", "web");
        assertThat(web.getMetadata().getUid()).isNotEmpty();
      } finally {
        channel.shutdownNow();
      }
    } finally {
      group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Two real gRPC servers behind one channel: the second serves once the first is stopped. */
  @Test
  void failsOverToTheNextAddressWhenTheConnectedOneStops() throws Exception {
    try (FakeApiServer<Service> first = new FakeApiServer<>(ResourceKinds.SERVICES);
         FakeApiServer<Service> second = new FakeApiServer<>(ResourceKinds.SERVICES)) {
      int firstPort = first.startTcp();
      int secondPort = second.startTcp();
      first.create(newService("default", "on-first"));
      second.create(newService("default", "on-second"));
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:" + firstPort + ",127.0.0.1:" + secondPort);
      try {
        ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
        assertThat(services.get("default", "on-first").getMetadata().getName()).isEqualTo("on-first");

        first.close();
        // the call that meets the dropped connection may fail; the ones after it reach the second server
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> services.get("default", "on-second").getMetadata().getName().equals("on-second"));
        assertThat(services.create(newService("default", "after-failover")).getMetadata().getName()).isEqualTo("after-failover");
        assertThat(second.get("default", "after-failover")).isNotNull();
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void skipsAnAddressNothingListensOn() throws Exception {
    int deadPort;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = probe.getLocalPort();
    }
    try (FakeApiServer<Service> live = new FakeApiServer<>(ResourceKinds.SERVICES)) {
      int livePort = live.startTcp();
      live.create(newService("default", "web"));
      ManagedChannel channel = ApiChannels.forTarget("http://127.0.0.1:" + deadPort + ",http://127.0.0.1:" + livePort);
      try {
        ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
        assertThat(services.get("default", "web").getMetadata().getUid()).isNotEmpty();
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
