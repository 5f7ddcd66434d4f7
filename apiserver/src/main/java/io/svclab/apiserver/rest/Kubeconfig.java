package io.svclab.apiserver.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code <data>/kubeconfig}: cluster {@code svclab} (its CA inline), user {@code admin} with the bearer token, context {@code svclab}. */
public final class Kubeconfig {
  private Kubeconfig() {}

  public static String render(String server, String caCertPem, String token) {
    String ca = Base64.getEncoder().encodeToString(caCertPem.getBytes(StandardCharsets.US_ASCII));
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: svclab
          cluster:
            server: %s
            certificate-authority-data: %s
        contexts:
        - name: svclab
          context:
            cluster: svclab
            user: admin
            namespace: default
        current-context: svclab
        users:
        - name: admin
          user:
            token: %s
        """.formatted(server, ca, token);
  }
}
