package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import io.svclab.api.v1.EventsV1Event;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.apiserver.openapi.ClientJavaDocs;
import io.svclab.apiserver.openapi.OpenApiSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /openapi/v3} and one document per group/version, generated from {@link ResourceKinds}
 * and the proto descriptors: the paths with {@code x-kubernetes-group-version-kind} and the
 * {@code fieldValidation} parameter (kubectl checks it before leaving validation to the server),
 * and the schemas of {@link OpenApiSchemas} (Kubernetes' names and descriptions).
 */
public final class OpenApiV3 {
  private OpenApiV3() {}

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
    List<ResourceKind<?>> served = ResourceKinds.ALL.stream().filter(k -> k.apiVersion().equals(gv)).toList();
    JsonObject paths = paths(OpenApiSchemas.Flavor.V3, served, gv.equals(EventsV1Api.GROUP_VERSION));
    doc.add("paths", paths);
    JsonObject components = new JsonObject();
    JsonObject out = new JsonObject();
    definitions(OpenApiSchemas.Flavor.V3, served, gv.equals(EventsV1Api.GROUP_VERSION)).forEach(out::add);
    components.add("schemas", out);
    doc.add("components", components);
    return doc;
  }

  /** The collection and item paths of each kind with their operations, in v2's or v3's form. */
  static JsonObject paths(OpenApiSchemas.Flavor flavor, List<ResourceKind<?>> kinds, boolean eventsV1) {
    JsonObject paths = new JsonObject();
    for (ResourceKind<?> k : kinds) {
      addPaths(paths, flavor, "/" + prefix(k.apiVersion()) + (k.namespaced() ? "/namespaces/{namespace}/" : "/")
          + k.plural(), gvkOf(k));
    }
    if (eventsV1) {
      addPaths(paths, flavor, "/" + prefix(EventsV1Api.GROUP_VERSION) + "/namespaces/{namespace}/events",
          kindOf(EventsV1Event.getDescriptor()).orElseThrow());
    }
    return paths;
  }

  private static void addPaths(JsonObject paths, OpenApiSchemas.Flavor flavor, String base, OpenApiSchemas.Gvk k) {
    JsonObject collection = new JsonObject();
    collection.add("get", operation(flavor, k, "list", false));
    collection.add("post", operation(flavor, k, "create", true));
    paths.add(base, collection);
    JsonObject item = new JsonObject();
    item.add("get", operation(flavor, k, "read", false));
    item.add("put", operation(flavor, k, "replace", true));
    item.add("patch", operation(flavor, k, "patch", true));
    item.add("delete", operation(flavor, k, "delete", false));
    paths.add(base + "/{name}", item);
  }

  private static JsonObject operation(OpenApiSchemas.Flavor flavor, OpenApiSchemas.Gvk k, String action,
      boolean writes) {
    JsonObject op = new JsonObject();
    op.addProperty("operationId", action + k.kind());
    op.addProperty("x-kubernetes-action", action.equals("read") ? "get" : action.equals("replace") ? "put"
        : action.equals("create") ? "post" : action);
    op.add("x-kubernetes-group-version-kind", k.json());
    JsonArray params = new JsonArray();
    if (writes) {
      for (String name : new String[] {"dryRun", "fieldManager", "fieldValidation"}) {
        JsonObject p = new JsonObject();
        p.addProperty("name", name);
        p.addProperty("in", "query");
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "string");
        schema.addProperty("uniqueItems", true);
        if (flavor == OpenApiSchemas.Flavor.V2) {
          schema.entrySet().forEach(e -> p.add(e.getKey(), e.getValue()));
        } else {
          p.add("schema", schema);
        }
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

  static OpenApiSchemas.Gvk gvkOf(ResourceKind<?> k) {
    return new OpenApiSchemas.Gvk(k.group(), k.version(), k.kind());
  }

  /** The kind a message is served as (Service, Deployment...), for {@code x-kubernetes-group-version-kind}. */
  static Optional<OpenApiSchemas.Gvk> kindOf(Descriptor d) {
    if (d.equals(EventsV1Event.getDescriptor())) {
      return Optional.of(new OpenApiSchemas.Gvk("events.k8s.io", "v1", "Event"));
    }
    return ResourceKinds.ALL.stream().filter(k -> k.prototype().getDescriptorForType().equals(d)).findFirst()
        .map(OpenApiV3::gvkOf);
  }

  /** The schemas of the given kinds and every type they reach, with Kubernetes' descriptions. */
  static Map<String, JsonObject> definitions(OpenApiSchemas.Flavor flavor, List<ResourceKind<?>> kinds,
      boolean eventsV1) {
    List<Descriptor> roots = new ArrayList<>(kinds.stream().map(k -> k.prototype().getDescriptorForType()).toList());
    if (eventsV1) {
      roots.add(EventsV1Event.getDescriptor());
    }
    return new OpenApiSchemas(flavor, ClientJavaDocs.INSTANCE, OpenApiV3::kindOf).definitions(roots);
  }
}
