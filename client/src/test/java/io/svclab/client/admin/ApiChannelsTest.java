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
import java.nio.file.Files;
import java.nio.file.Path;
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
}
