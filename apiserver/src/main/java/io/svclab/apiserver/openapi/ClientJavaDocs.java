package io.svclab.apiserver.openapi;

import com.google.gson.annotations.SerializedName;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Kubernetes' own API descriptions, read from the model classes of client-java-api 24.0.0 (generated from
 * Kubernetes 1.32's OpenAPI document): the type's {@code @ApiModel(description)} and each property's
 * {@code @ApiModelProperty(value, required)}. The one source of every description the OpenAPI documents
 * carry; nothing is written by hand. Classes are only inspected (never instantiated), once per type.
 *
 * <p>The generator flattened the text: line breaks became spaces, properties that reference an object type
 * lost their own description, and IntOrString properties carry IntOrString's.
 */
public final class ClientJavaDocs implements Function<String, TypeDoc> {
  public static final ClientJavaDocs INSTANCE = new ClientJavaDocs();
  private static final String MODELS = "io.kubernetes.client.openapi.models.";

  private final Map<String, TypeDoc> cache = new ConcurrentHashMap<>();

  private ClientJavaDocs() {}

  /** The documentation of a Kubernetes definition ({@code io.k8s.api.core.v1.ServicePort}); NONE when unknown. */
  @Override
  public TypeDoc apply(String definition) {
    return cache.computeIfAbsent(definition, d -> modelClass(d).map(ClientJavaDocs::read).orElse(TypeDoc.NONE));
  }

  /**
   * client-java's class for a definition: {@code V1ServicePort}, or with the group in front where two
   * groups share a name ({@code CoreV1Event}, {@code EventsV1Event}, {@code DiscoveryV1EndpointPort}).
   */
  static Optional<Class<?>> modelClass(String definition) {
    String[] parts = definition.split("\\.");
    if (parts.length < 3) {
      return Optional.empty();
    }
    String simple = parts[parts.length - 1];
    String version = capitalize(parts[parts.length - 2]);
    String group = capitalize(parts[parts.length - 3]);
    for (String name : new String[] {version + simple, group + version + simple}) {
      try {
        return Optional.of(Class.forName(MODELS + name, false, ClientJavaDocs.class.getClassLoader()));
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next spelling
      }
    }
    return Optional.empty();
  }

  private static TypeDoc read(Class<?> c) {
    ApiModel model = c.getAnnotation(ApiModel.class);
    Map<String, String> fields = new HashMap<>();
    Set<String> required = new HashSet<>();
    for (Field f : c.getDeclaredFields()) {
      SerializedName json = f.getAnnotation(SerializedName.class);
      if (json == null) {
        continue;
      }
      String name = f.getName().startsWith("_") ? f.getName().substring(1) : f.getName();
      ApiModelProperty p = getter(c, name).map(m -> m.getAnnotation(ApiModelProperty.class)).orElse(null);
      if (p == null) {
        continue;
      }
      if (!p.value().isEmpty()) {
        fields.put(json.value(), p.value());
      }
      if (p.required()) {
        required.add(json.value());
      }
    }
    return new TypeDoc(model == null ? "" : model.description(), fields, required);
  }

  private static Optional<Method> getter(Class<?> c, String field) {
    try {
      return Optional.of(c.getDeclaredMethod("get" + capitalize(field)));
    } catch (NoSuchMethodException e) {
      return Optional.empty();
    }
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
