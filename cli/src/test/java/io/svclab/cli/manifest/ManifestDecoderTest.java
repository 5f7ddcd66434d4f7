package io.svclab.cli.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.Service;
import io.svclab.client.json.DecodedObject;
import io.svclab.client.json.ManifestDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestDecoderTest {
  static String resource(String path) throws IOException {
    try (InputStream in = ManifestDecoderTest.class.getResourceAsStream("/demos/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void nodePortServiceFromTheTutorialDecodesWithIntTargetPort() throws IOException {
    List<DecodedObject> objs = ManifestDecoder.decode(resource("seed-000/nginx-nodeport-service.yaml"));
    Service svc = (Service) objs.get(0).object();
    assertThat(svc.getSpec().getType()).isEqualTo("NodePort");
    assertThat(svc.getSpec().getPorts(0).getTargetPort().getNumber()).isEqualTo(80);
    assertThat(svc.getSpec().getPorts(0).getNodePort()).isEqualTo(30080);
    assertThat(objs.get(0).unknownFields()).isEmpty();
  }

  @Test
  void backendManifestKeepsCommandEnvProbesAndSecurityContext() throws IOException {
    List<DecodedObject> objs = ManifestDecoder.decode(resource("seed-002/backend.yaml"));
    assertThat(objs).extracting(o -> o.kind().kind()).containsExactly("Namespace", "Deployment");
    Deployment d = (Deployment) objs.get(1).object();
    var c = d.getSpec().getTemplate().getSpec().getContainers(0);
    assertThat(c.getCommandList()).containsExactly("/bin/sh");
    assertThat(c.getArgs(1)).contains("Backend Pod: $BACKEND_ID");
    assertThat(c.getEnv(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getNumber()).isEqualTo(80);
    assertThat(c.getResources().getLimitsMap()).containsEntry("memory", "128Mi");
    var podSecurity = d.getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isEqualTo(101);
    assertThat(objs.get(1).unknownFields()).isEmpty();
  }

  /** Every manifest the demos apply is as the tutorials print it: kubectl's strict validation must accept it. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "seed-000/nginx-deployment.yaml", "seed-000/nginx-clusterip-service.yaml", "seed-000/nginx-nodeport-service.yaml",
      "seed-000/nginx-loadbalancer-service.yaml", "seed-000/curl-pod.yaml", "seed-002/backend.yaml",
      "seed-002/backend-service.yaml", "seed-002/complete-service-demo.yaml"})
  void demoManifestsHaveNoUnknownFields(String path) throws IOException {
    assertThat(ManifestDecoder.decode(resource(path))).allSatisfy(o -> assertThat(o.unknownFields()).isEmpty());
  }

  @Test
  void namedPortsAndPercentagesBecomeStrings() {
    DecodedObject o = ManifestDecoder.decode("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}}
        """).get(0);
    Deployment d = (Deployment) o.object();
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getName()).isEqualTo("25%");
    assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getNumber()).isEqualTo(1);
  }

  @Test
  void unknownKindIsRefusedInKubectlWords() {
    assertThatThrownBy(() -> ManifestDecoder.decode("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"))
        .hasMessage("no matches for kind \"ConfigMap\" in version \"v1\"");
  }
}
