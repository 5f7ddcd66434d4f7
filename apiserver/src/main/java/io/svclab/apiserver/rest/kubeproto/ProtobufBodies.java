package io.svclab.apiserver.rest.kubeproto;

import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.svclab.apiserver.rest.RequestBodies;
import io.svclab.client.resource.ResourceKind;
import io.svclab.apiserver.errors.ApiException;
import java.util.List;
import java.util.Optional;

/**
 * A request body in {@code application/vnd.kubernetes.protobuf} (what kubectl's generators send)
 * as the JSON object the JSON path decodes, so one pipeline validates and stores both.
 */
public final class ProtobufBodies {
  public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private ProtobufBodies() {}

  /** The body as JSON, or kube-apiserver's BadRequest for an envelope or kind it cannot decode. */
  public static JsonObject parse(byte[] body, ResourceKind<?> expected) {
    KubeProtoEnvelope.Result read = KubeProtoEnvelope.read(body);
    KubeProtoEnvelope envelope = read.envelope().orElseThrow(() -> RequestBodies.unrecognized(expected, read.error(), body));
    RequestBodies.kindMismatch(expected, envelope.apiVersion(), envelope.kind()).ifPresent(m -> {
      throw ApiException.badRequest(m);
    });
    String apiVersion = envelope.apiVersion().isEmpty() ? expected.apiVersion() : envelope.apiVersion();
    String kind = envelope.kind().isEmpty() ? expected.kind() : envelope.kind();
    Optional<Descriptor> type = KubeProtoTypes.message(apiVersion, kind);
    if (type.isEmpty()) {
      // as kube-apiserver answers for resources that serve no protobuf (custom resources)
      throw new ApiException(io.grpc.Status.Code.INVALID_ARGUMENT, "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include: application/json, "
              + "application/yaml", List.of());
    }
    try {
      return KubeProtoJson.object(apiVersion, kind, type.get(), envelope.raw());
    } catch (InvalidProtocolBufferException e) {
      throw RequestBodies.unrecognized(expected, "proto: " + e.getMessage(), body);
    }
  }
}
