package io.svclab.e2e.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * What a client reads from the apiserver's {@code <data>/kubeconfig} to reach its HTTPS port, as
 * kubectl does: the current context's server, its CA and the user's bearer token.
 */
record LabKubeconfig(URI server, String caPem, String token) {
  @SuppressWarnings("unchecked")
  static LabKubeconfig parse(String yaml) {
    Map<String, Object> doc = new Yaml().load(yaml);
    Map<String, Object> context = (Map<String, Object>) named(doc, "contexts", (String) doc.get("current-context"))
        .get("context");
    Map<String, Object> cluster = (Map<String, Object>) named(doc, "clusters", (String) context.get("cluster"))
        .get("cluster");
    Map<String, Object> user = (Map<String, Object>) named(doc, "users", (String) context.get("user")).get("user");
    String ca = new String(Base64.getDecoder().decode((String) cluster.get("certificate-authority-data")),
        StandardCharsets.US_ASCII);
    return new LabKubeconfig(URI.create((String) cluster.get("server")), ca, (String) user.get("token"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> named(Map<String, Object> doc, String list, String name) {
    return ((List<Map<String, Object>>) doc.get(list)).stream().filter(e -> name.equals(e.get("name"))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("kubeconfig has no " + list + " entry named " + name));
  }

  /** TLS that trusts the lab's CA only, as kubectl does with certificate-authority-data. */
  SSLContext sslContext() throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("svclab-ca", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
