package io.svclab.apiserver.rest;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS port's TLS context. BoringSSL (netty-tcnative, on the apiserver's classpath) where its
 * native library loads: under {@code ./lab bench rest} the JDK's SSLEngine was a third of the REST
 * path's CPU (issue 17). Elsewhere (another platform, the library missing) the JDK's, said once
 * in the log with the reason. Either way the same certificate, key and protocols.
 */
final class ServerTls {
  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

  private ServerTls() {}

  static SslContext context(ServingMaterial material) {
    SslProvider provider = provider();
    try {
      return SslContextBuilder.forServer(material.servingKey(), material.servingCertificate())
          .sslProvider(provider).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** OpenSSL (BoringSSL) when netty-tcnative loaded, else the JDK's provider. */
  static SslProvider provider() {
    if (OpenSsl.isAvailable()) {
      return SslProvider.OPENSSL;
    }
    log.info("HTTPS uses the JDK's TLS (slower): netty-tcnative is not available: {}",
        String.valueOf(OpenSsl.unavailabilityCause()));
    return SslProvider.JDK;
  }
}
