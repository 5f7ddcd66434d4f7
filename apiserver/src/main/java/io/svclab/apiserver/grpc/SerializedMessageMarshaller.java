package io.svclab.apiserver.grpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import java.io.InputStream;

/**
 * A response marshaller that sends a {@link SerializedMessage} as its bytes and any other
 * message as {@code proto} does: on the wire the two are the same message.
 */
final class SerializedMessageMarshaller implements MethodDescriptor.PrototypeMarshaller<Object> {
  private final MethodDescriptor.PrototypeMarshaller<Message> proto;

  @SuppressWarnings("unchecked")
  SerializedMessageMarshaller(MethodDescriptor.Marshaller<?> proto) {
    this.proto = (MethodDescriptor.PrototypeMarshaller<Message>) proto;
  }

  @Override
  public InputStream stream(Object value) {
    return value instanceof SerializedMessage s ? s.stream() : proto.stream((Message) value);
  }

  @Override
  public Object parse(InputStream stream) {
    return proto.parse(stream);
  }

  @Override
  public Class<Object> getMessageClass() {
    return Object.class;
  }

  @Override
  public Message getMessagePrototype() {
    return proto.getMessagePrototype();
  }
}
