package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.apiserver.rest.Kubeconfig;
import io.svclab.apiserver.rest.ServingMaterial;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rest benchmark reads from the apiserver's kubeconfig, as kubectl reads it. */
class LabKubeconfigTest {
  @Test
  void readsServerCaAndTokenOfTheKubeconfigTheApiserverWrites(@TempDir Path dir) throws Exception {
    ServingMaterial m = ServingMaterial.loadOrCreate(dir);
    LabKubeconfig k = LabKubeconfig.parse(Kubeconfig.render("https://127.0.0.1:6444", m.caCertPem(), m.token()));
    assertThat(k).isEqualTo(new LabKubeconfig(URI.create("https://127.0.0.1:6444"), m.caCertPem(), m.token()));
    assertThat(k.sslContext().getProtocol()).isEqualTo("TLS");
  }

  @Test
  void followsTheCurrentContextAmongSeveral() {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: other
          cluster: {server: "https://10.0.0.1:443", certificate-authority-data: b3RoZXI=}
        - name: svclab
          cluster: {server: "https://127.0.0.1:7000", certificate-authority-data: Y2E=}
        contexts:
        - name: other
          context: {cluster: other, user: nobody}
        - name: lab
          context: {cluster: svclab, user: admin}
        current-context: lab
        users:
        - name: nobody
          user: {token: wrong}
        - name: admin
          user: {token: right}
        """;
    assertThat(LabKubeconfig.parse(yaml)).isEqualTo(new LabKubeconfig(URI.create("https://127.0.0.1:7000"), "ca", "right"));
  }

  @Test
  void aContextNamingAMissingClusterIsAnError() {
    String yaml = """
        clusters: []
        contexts:
        - name: lab
          context: {cluster: gone, user: admin}
        current-context: lab
        users: []
        """;
    assertThatThrownBy(() -> LabKubeconfig.parse(yaml)).hasMessage("kubeconfig has no clusters entry named gone");
  }
}
