package io.svclab.client.resource;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ListMeta;
import io.svclab.api.v1.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One API resource (Service, Pod, ...) described once, so the apiserver's handlers, the
 * store and every client can treat all ten kinds with the same generic code. The message
 * shapes (object, list, watch event, write request) are read off the generated gRPC
 * service descriptor rather than listed by hand, so the proto stays the single source.
 */
public final class ResourceKind<T extends Message> {
  private final String kind;
  private final String plural;
  private final String apiVersion;
  private final boolean namespaced;
  private final ServiceDescriptor service;
  private final Map<String, MethodDescriptor<?, ?>> methods;
  private final T prototype;
  private final Message listPrototype;
  private final Message eventPrototype;
  private final Message writePrototype;
  private final FieldDescriptor metaField;
  private final List<String> shortNames;
  private final List<String> categories;

  @SuppressWarnings("unchecked")
  ResourceKind(String kind, String plural, String apiVersion, boolean namespaced, ServiceDescriptor service,
      List<String> shortNames, List<String> categories) {
    this.kind = kind;
    this.shortNames = List.copyOf(shortNames);
    this.categories = List.copyOf(categories);
    this.plural = plural;
    this.apiVersion = apiVersion;
    this.namespaced = namespaced;
    this.service = service;
    this.methods = service.getMethods().stream()
        .collect(Collectors.toUnmodifiableMap(MethodDescriptor::getBareMethodName, Function.identity()));
    this.prototype = (T) responsePrototype("Get");
    this.listPrototype = responsePrototype("List");
    this.eventPrototype = responsePrototype("Watch");
    this.writePrototype = requestPrototype("Create");
    this.metaField = prototype.getDescriptorForType().findFieldByName("metadata");
  }

  private static Message prototypeOf(MethodDescriptor.Marshaller<?> marshaller) {
    return (Message) ((MethodDescriptor.PrototypeMarshaller<?>) marshaller).getMessagePrototype();
  }

  private Message responsePrototype(String method) {
    return prototypeOf(methods.get(method).getResponseMarshaller());
  }

  private Message requestPrototype(String method) {
    return prototypeOf(methods.get(method).getRequestMarshaller());
  }

  /** Kubernetes kind, e.g. {@code Service}. */
  public String kind() { return kind; }

  /** Lower-case plural used in keys and error messages, e.g. {@code services}. */
  public String plural() { return plural; }

  public String apiVersion() { return apiVersion; }

  /** The API group, "" for the core group ({@code v1}). */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  /** Kubernetes' singular resource name, e.g. {@code service}. */
  public String singular() { return kind.toLowerCase(java.util.Locale.ROOT); }

  /** kubectl's short names, e.g. {@code svc}, as Kubernetes' discovery lists them. */
  public List<String> shortNames() { return shortNames; }

  /** Discovery categories: {@code all} where {@code kubectl get all} includes the kind. */
  public List<String> categories() { return categories; }

  public boolean namespaced() { return namespaced; }

  /** Full gRPC service name, e.g. {@code svclab.api.v1.Services}. */
  public String grpcServiceName() { return service.getName(); }

  public ServiceDescriptor grpcService() { return service; }

  @SuppressWarnings("unchecked")
  public <Q, R> MethodDescriptor<Q, R> method(String bareName) {
    MethodDescriptor<?, ?> m = methods.get(bareName);
    if (m == null) {
      throw new IllegalArgumentException(service.getName() + " has no method " + bareName);
    }
    return (MethodDescriptor<Q, R>) m;
  }

  public T prototype() { return prototype; }

  /** Lower-camel field name the write requests carry the object in ({@code service}, {@code endpointSlice}). */
  public String writeField() {
    return writePrototype.getDescriptorForType().findFieldByNumber(1).getJsonName();
  }

  public ObjectMeta meta(T object) {
    return (ObjectMeta) object.getField(metaField);
  }

  @SuppressWarnings("unchecked")
  public T withMeta(T object, ObjectMeta meta) {
    return (T) object.toBuilder().setField(metaField, meta).build();
  }

  /** The object with apiVersion and kind filled in, as Kubernetes returns it. */
  @SuppressWarnings("unchecked")
  public T withTypeMeta(T object) {
    Message.Builder b = object.toBuilder();
    b.setField(prototype.getDescriptorForType().findFieldByName("api_version"), apiVersion);
    b.setField(prototype.getDescriptorForType().findFieldByName("kind"), kind);
    return (T) b.build();
  }

  /** The field holding {@code spec}, or null for kinds without one (Endpoints, EndpointSlice, Event). */
  public FieldDescriptor specField() {
    return prototype.getDescriptorForType().findFieldByName("spec");
  }

  public FieldDescriptor statusField() {
    return prototype.getDescriptorForType().findFieldByName("status");
  }

  @SuppressWarnings("unchecked")
  public T parse(byte[] bytes) {
    try {
      return (T) prototype.getParserForType().parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt stored " + kind + ": " + e.getMessage(), e);
    }
  }

  // ---- list, watch-event and write-request shapes ----

  public Message newList(ListMeta meta, List<T> items) {
    Message.Builder b = listPrototype.newBuilderForType();
    FieldDescriptor itemsField = listPrototype.getDescriptorForType().findFieldByName("items");
    b.setField(listPrototype.getDescriptorForType().findFieldByName("metadata"), meta);
    for (T item : items) {
      b.addRepeatedField(itemsField, item);
    }
    return b.build();
  }

  @SuppressWarnings("unchecked")
  public List<T> listItems(Message list) {
    return (List<T>) list.getField(list.getDescriptorForType().findFieldByName("items"));
  }

  public ListMeta listMeta(Message list) {
    return (ListMeta) list.getField(list.getDescriptorForType().findFieldByName("metadata"));
  }

  public Message newWatchEvent(EventType type, T object) {
    Message.Builder b = eventPrototype.newBuilderForType();
    b.setField(eventPrototype.getDescriptorForType().findFieldByName("type"),
        type.getValueDescriptor());
    b.setField(eventPrototype.getDescriptorForType().findFieldByName("object"), object);
    return b.build();
  }

  public EventType watchEventType(Message event) {
    FieldDescriptor f = event.getDescriptorForType().findFieldByName("type");
    return EventType.forNumber(((com.google.protobuf.Descriptors.EnumValueDescriptor) event.getField(f)).getNumber());
  }

  @SuppressWarnings("unchecked")
  public T watchEventObject(Message event) {
    return (T) event.getField(event.getDescriptorForType().findFieldByName("object"));
  }

  public Message newWriteRequest(T object) {
    Message.Builder b = writePrototype.newBuilderForType();
    b.setField(writePrototype.getDescriptorForType().findFieldByNumber(1), object);
    return b.build();
  }

  @SuppressWarnings("unchecked")
  public T writeRequestObject(Message request) {
    return (T) request.getField(request.getDescriptorForType().findFieldByNumber(1));
  }

  public boolean writeRequestHasObject(Message request) {
    return request.hasField(request.getDescriptorForType().findFieldByNumber(1));
  }

  /** {@code namespace/name}, or {@code name} for cluster-scoped kinds: the log and queue key. */
  public String key(T object) {
    ObjectMeta m = meta(object);
    return namespaced ? m.getNamespace() + "/" + m.getName() : m.getName();
  }

  @Override
  public String toString() { return kind; }
}
