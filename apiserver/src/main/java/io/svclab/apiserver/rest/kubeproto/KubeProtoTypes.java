package io.svclab.apiserver.rest.kubeproto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' own message descriptors by group/version: the {@code generated.proto} files of
 * k8s.io/api, as client-java-proto ships them. Only the descriptors are used: the generated
 * message classes target a newer protobuf-java than this project's.
 */
public final class KubeProtoTypes {
  private static final Map<String, FileDescriptor> BY_API_VERSION = Map.of(
      "v1", V1.getDescriptor(),
      "apps/v1", V1Apps.getDescriptor(),
      "autoscaling/v1", V1Autoscaling.getDescriptor());

  private KubeProtoTypes() {}

  /** The message of {@code kind} in {@code apiVersion}, when a descriptor for it is at hand. */
  public static Optional<Descriptor> message(String apiVersion, String kind) {
    FileDescriptor file = BY_API_VERSION.get(apiVersion);
    return file == null ? Optional.empty() : Optional.ofNullable(file.findMessageTypeByName(kind));
  }
}
