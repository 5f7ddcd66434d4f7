package io.svclab.apiserver.rest.kubeproto;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;
import java.util.Optional;

/**
 * Kubernetes' protobuf wire envelope: the 4-byte magic {@code k8s\0} followed by a
 * {@code runtime.Unknown} whose {@code typeMeta} names the object and whose {@code raw} holds the
 * object's own message (k8s.io/apimachinery/pkg/runtime/serializer/protobuf).
 */
public record KubeProtoEnvelope(String apiVersion, String kind, ByteString raw) {
  static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final Descriptor UNKNOWN = Runtime.getDescriptor().findMessageTypeByName("Unknown");

  /**
   * The envelope of {@code data}, or the error text the protobuf serializer's {@code Decode}
   * gives for it (as the Go error string, to be wrapped by the caller).
   */
  public static Result read(byte[] data) {
    if (data.length == 0) {
      return Result.failed("empty data");
    }
    if (data.length < MAGIC.length || !Arrays.equals(MAGIC, Arrays.copyOf(data, MAGIC.length))) {
      return Result.failed("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    }
    DynamicMessage unknown;
    try {
      unknown = DynamicMessage.parseFrom(UNKNOWN, ByteString.copyFrom(data, MAGIC.length, data.length - MAGIC.length));
    } catch (InvalidProtocolBufferException e) {
      return Result.failed("proto: " + e.getMessage());
    }
    Message typeMeta = (Message) unknown.getField(UNKNOWN.findFieldByName("typeMeta"));
    String apiVersion = (String) typeMeta.getField(typeMeta.getDescriptorForType().findFieldByName("apiVersion"));
    String kind = (String) typeMeta.getField(typeMeta.getDescriptorForType().findFieldByName("kind"));
    ByteString raw = (ByteString) unknown.getField(UNKNOWN.findFieldByName("raw"));
    return new Result(Optional.of(new KubeProtoEnvelope(apiVersion, kind, raw)), "");
  }

  /** An envelope, or why there is none. */
  public record Result(Optional<KubeProtoEnvelope> envelope, String error) {
    static Result failed(String error) {
      return new Result(Optional.empty(), error);
    }
  }
}
