package io.svclab.apiserver.validation;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.svclab.apiserver.defaults.Defaults;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.ArrayList;
import java.util.List;

/**
 * Test objects written as the JSON of the Kubernetes tutorials (single quotes for readability),
 * and the apiserver's default-validate pipeline that turns them into Kubernetes' message.
 */
public final class ApiObjects {
  private ApiObjects() {}

  @SuppressWarnings("unchecked")
  public static <T extends Message> T parse(ResourceKind<T> kind, String json) {
    Message.Builder b = kind.prototype().newBuilderForType();
    try {
      JsonFormat.parser().merge(json.replace('\'', '"'), b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("bad test JSON: " + json, e);
    }
    return (T) b.build();
  }

  /** Defaults, validates, and (for a valid Service) checks NodePorts as the allocator would. */
  public static <T extends Message> List<FieldError> createErrors(ResourceKind<T> kind, T obj) {
    T defaulted = Defaults.apply(kind, obj);
    List<FieldError> errs = new ArrayList<>(Validation.validateCreate(kind, defaulted));
    if (errs.isEmpty() && kind == ResourceKinds.SERVICES) {
      errs.addAll(NodePortRange.DEFAULT.check((io.svclab.api.v1.Service) defaulted));
    }
    return errs;
  }

  /** The StatusError message for creating {@code json}, or "" when it is valid. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static String createMessage(ResourceKind<?> kind, String json) {
    ResourceKind k = kind;
    Message obj = parse(k, json);
    List<FieldError> errs = createErrors(k, obj);
    return errs.isEmpty() ? "" : InvalidObjectMessage.render(kind, k.meta(obj).getName(), errs);
  }
}
