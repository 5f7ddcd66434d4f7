package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.FieldsV1;
import io.svclab.api.v1.IntOrString;
import io.svclab.client.json.PatchStrategies;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /openapi/v3} and one document per group/version, generated from {@link ResourceKinds}
 * and the proto descriptors: the paths with {@code x-kubernetes-group-version-kind} and the
 * {@code fieldValidation} parameter (kubectl checks it before leaving validation to the server),
 * and a schema per message (IntOrString as {@code x-kubernetes-int-or-string}, times as date-time).
 */
public final class OpenApiV3 {
  private OpenApiV3() {}

  private static final String PREFIX = "io.svclab.api.v1.";

  /** The root: where each group/version's document is. */
  public static JsonObject root() {
    JsonObject paths = new JsonObject();
    for (String gv : Discovery.groupVersions()) {
      JsonObject p = new JsonObject();
      p.addProperty("serverRelativeURL", "/openapi/v3/" + prefix(gv) + "?hash=" + ServerVersion.GIT_VERSION);
      paths.add(prefix(gv), p);
    }
    JsonObject o = new JsonObject();
    o.add("paths", paths);
    return o;
  }

  /** {@code api/v1} or {@code apis/apps/v1}. */
  static String prefix(String groupVersion) {
    return groupVersion.contains("/") ? "apis/" + groupVersion : "api/" + groupVersion;
  }

  /** The document for {@code api/v1}, {@code apis/apps/v1}, ...; null when no such group/version. */
  public static JsonObject document(String path) {
    String gv = path.startsWith("apis/") ? path.substring(5) : path.startsWith("api/") ? path.substring(4) : "";
    if (!Discovery.groupVersions().contains(gv)) {
      return null;
    }
    JsonObject doc = new JsonObject();
    doc.addProperty("openapi", "3.0.0");
    JsonObject info = new JsonObject();
    info.addProperty("title", "Kubernetes");
    info.addProperty("version", ServerVersion.GIT_VERSION);
    doc.add("info", info);
    JsonObject paths = new JsonObject();
    Map<String, Descriptor> schemas = new TreeMap<>();
    for (ResourceKind<?> k : ResourceKinds.ALL) {
      if (!k.apiVersion().equals(gv)) {
        continue;
      }
      String base = "/" + prefix(gv) + (k.namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural();
      JsonObject collection = new JsonObject();
      collection.add("get", operation(k, "list", false));
      collection.add("post", operation(k, "create", true));
      paths.add(base, collection);
      JsonObject item = new JsonObject();
      item.add("get", operation(k, "read", false));
      item.add("put", operation(k, "replace", true));
      item.add("patch", operation(k, "patch", true));
      item.add("delete", operation(k, "delete", false));
      paths.add(base + "/{name}", item);
      collect(k.prototype().getDescriptorForType(), schemas);
    }
    doc.add("paths", paths);
    JsonObject components = new JsonObject();
    JsonObject out = new JsonObject();
    schemas.forEach((name, d) -> out.add(name, schema(d)));
    components.add("schemas", out);
    doc.add("components", components);
    return doc;
  }

  private static JsonObject operation(ResourceKind<?> k, String action, boolean writes) {
    JsonObject op = new JsonObject();
    op.addProperty("operationId", action + k.kind());
    op.addProperty("x-kubernetes-action", action.equals("read") ? "get" : action.equals("replace") ? "put"
        : action.equals("create") ? "post" : action);
    op.add("x-kubernetes-group-version-kind", gvk(k));
    JsonArray params = new JsonArray();
    if (writes) {
      for (String name : new String[] {"dryRun", "fieldManager", "fieldValidation"}) {
        JsonObject p = new JsonObject();
        p.addProperty("name", name);
        p.addProperty("in", "query");
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "string");
        schema.addProperty("uniqueItems", true);
        p.add("schema", schema);
        params.add(p);
      }
    }
    op.add("parameters", params);
    JsonObject ok = new JsonObject();
    ok.addProperty("description", "OK");
    JsonObject responses = new JsonObject();
    responses.add("200", ok);
    op.add("responses", responses);
    return op;
  }

  private static JsonObject gvk(ResourceKind<?> k) {
    JsonObject g = new JsonObject();
    g.addProperty("group", k.group());
    g.addProperty("version", k.version());
    g.addProperty("kind", k.kind());
    return g;
  }

  private static boolean special(Descriptor d) {
    return d.getFullName().equals(IntOrString.getDescriptor().getFullName())
        || d.getFullName().equals(Timestamp.getDescriptor().getFullName())
        || d.getFullName().equals(FieldsV1.getDescriptor().getFullName());
  }

  private static void collect(Descriptor d, Map<String, Descriptor> into) {
    if (special(d) || into.containsKey(PREFIX + d.getName())) {
      return;
    }
    into.put(PREFIX + d.getName(), d);
    for (FieldDescriptor f : d.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
        collect(f.getMessageType(), into);
      }
    }
  }

  private static JsonObject schema(Descriptor d) {
    JsonObject s = new JsonObject();
    s.addProperty("type", "object");
    JsonObject props = new JsonObject();
    for (FieldDescriptor f : d.getFields()) {
      props.add(f.getJsonName(), fieldSchema(f));
    }
    s.add("properties", props);
    ResourceKinds.ALL.stream().filter(k -> k.prototype().getDescriptorForType().equals(d)).findFirst()
        .ifPresent(k -> {
          JsonArray a = new JsonArray();
          a.add(gvk(k));
          s.add("x-kubernetes-group-version-kind", a);
        });
    return s;
  }

  private static JsonObject fieldSchema(FieldDescriptor f) {
    if (f.isMapField()) {
      JsonObject s = new JsonObject();
      s.addProperty("type", "object");
      JsonObject v = new JsonObject();
      v.addProperty("type", "string");
      v.addProperty("default", "");
      s.add("additionalProperties", v);
      return s;
    }
    JsonObject one = valueSchema(f);
    if (!f.isRepeated()) {
      return one;
    }
    JsonObject s = new JsonObject();
    s.addProperty("type", "array");
    s.add("items", one);
    PatchStrategies.mergeKey(f).ifPresent(key -> {
      if (!key.isEmpty()) {
        s.addProperty("x-kubernetes-patch-merge-key", key);
      }
      s.addProperty("x-kubernetes-patch-strategy", "merge");
    });
    return s;
  }

  private static JsonObject valueSchema(FieldDescriptor f) {
    JsonObject s = new JsonObject();
    switch (f.getJavaType()) {
      case INT -> {
        s.addProperty("type", "integer");
        s.addProperty("format", "int32");
      }
      case LONG -> {
        s.addProperty("type", "integer");
        s.addProperty("format", "int64");
      }
      case FLOAT, DOUBLE -> {
        s.addProperty("type", "number");
        s.addProperty("format", "double");
      }
      case BOOLEAN -> s.addProperty("type", "boolean");
      case STRING, ENUM -> s.addProperty("type", "string");
      case BYTE_STRING -> {
        s.addProperty("type", "string");
        s.addProperty("format", "byte");
      }
      case MESSAGE -> {
        Descriptor d = f.getMessageType();
        if (d.getFullName().equals(IntOrString.getDescriptor().getFullName())) {
          s.addProperty("x-kubernetes-int-or-string", true);
        } else if (d.getFullName().equals(Timestamp.getDescriptor().getFullName())) {
          s.addProperty("type", "string");
          s.addProperty("format", "date-time");
        } else if (d.getFullName().equals(FieldsV1.getDescriptor().getFullName())) {
          s.addProperty("type", "object");  // free-form, as metav1.FieldsV1's schema
        } else {
          JsonArray all = new JsonArray();
          JsonObject ref = new JsonObject();
          ref.addProperty("$ref", "#/components/schemas/" + PREFIX + d.getName());
          all.add(ref);
          s.add("allOf", all);
          s.add("default", new JsonObject());
        }
      }
      default -> s.addProperty("type", "string");
    }
    return s;
  }
}
