package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
  @TempDir Path data;

  @Test
  void servesWithBoringSslOnThisPlatform() throws Exception {
    // the build ships netty-tcnative's linux-x86_64 library, the platform the lab runs on
    assertThat(OpenSsl.isAvailable()).as("netty-tcnative loads: %s", OpenSsl.unavailabilityCause()).isTrue();
    assertThat(ServerTls.provider()).isEqualTo(SslProvider.OPENSSL);
    assertThat(ServerTls.context(ServingMaterial.loadOrCreate(data))).isInstanceOf(ReferenceCountedOpenSslContext.class);
  }

  @Test
  void aClientTrustingTheLabsCaCompletesAHandshakeAndExchangesBytes() throws Exception {
    ServingMaterial material = ServingMaterial.loadOrCreate(data);
    SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
        .trustManager(new ByteArrayInputStream(material.caCertPem().getBytes(StandardCharsets.US_ASCII))).build();
    EmbeddedChannel server = new EmbeddedChannel(ServerTls.context(material).newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT));
    EmbeddedChannel kubectl = new EmbeddedChannel(client.newHandler(io.netty.buffer.ByteBufAllocator.DEFAULT, "127.0.0.1", 6444));
    SslHandler clientTls = kubectl.pipeline().get(SslHandler.class);
    for (int i = 0; i < 20 && !(clientTls.handshakeFuture().isDone() && server.pipeline().get(SslHandler.class).handshakeFuture().isDone()); i++) {
      shuttle(kubectl, server);
      shuttle(server, kubectl);
    }
    assertThat(clientTls.handshakeFuture().isSuccess()).as("%s", clientTls.handshakeFuture().cause()).isTrue();

    kubectl.writeAndFlush(Unpooled.copiedBuffer("GET /version", StandardCharsets.US_ASCII));
    shuttle(kubectl, server);
    ByteBuf received = server.readInbound();
    assertThat(received.toString(StandardCharsets.US_ASCII)).isEqualTo("GET /version");
    received.release();
    kubectl.finishAndReleaseAll();
    server.finishAndReleaseAll();
  }

  /** Everything {@code from} wrote goes to {@code to} as received bytes. */
  private static void shuttle(EmbeddedChannel from, EmbeddedChannel to) {
    for (Object out = from.readOutbound(); out != null; out = from.readOutbound()) {
      to.writeInbound(out);
    }
  }
}
