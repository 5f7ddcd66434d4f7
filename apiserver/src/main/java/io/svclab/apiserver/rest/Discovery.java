package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' legacy discovery documents ({@code /api}, {@code /apis}, {@code /api/v1},
 * {@code /apis/apps/v1}, ...), generated from {@link ResourceKinds}: every group and version a kind
 * lives in, each kind with its verbs, short names and categories.
 */
public final class Discovery {
  private Discovery() {}

  /** The verbs this front door serves for every kind. */
  static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

  /**
   * Whether a kind's collection can be deleted at once ({@code deletecollection}): every kind but
   * Namespaces, whose REST storage in Kubernetes has no collection deleter (a DELETE there is 405).
   */
  public static boolean deletesCollections(ResourceKind<?> kind) {
    return kind != ResourceKinds.NAMESPACES;
  }

  static List<String> verbs(ResourceKind<?> kind) {
    if (!deletesCollections(kind)) {
      return VERBS;
    }
    List<String> verbs = new java.util.ArrayList<>(VERBS);
    verbs.add(verbs.indexOf("delete") + 1, "deletecollection");
    return List.copyOf(verbs);
  }

  /** Verbs of the {@code status} and {@code scale} subresources. */
  static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  /** Every group/version with at least one kind, core ({@code v1}) first as Kubernetes orders them. */
  public static Set<String> groupVersions() {
    Set<String> out = new LinkedHashSet<>();
    ResourceKinds.ALL.stream().filter(k -> k.group().isEmpty()).forEach(k -> out.add(k.apiVersion()));
    ResourceKinds.ALL.stream().filter(k -> !k.group().isEmpty()).forEach(k -> out.add(k.apiVersion()));
    out.add(EventsV1Api.GROUP_VERSION);
    return out;
  }

  /** {@code /api}: APIVersions. */
  public static JsonObject coreVersions(String serverAddress) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "APIVersions");
    JsonArray versions = new JsonArray();
    versions.add("v1");
    o.add("versions", versions);
    JsonArray addresses = new JsonArray();
    JsonObject a = new JsonObject();
    a.addProperty("clientCIDR", "0.0.0.0/0");
    a.addProperty("serverAddress", serverAddress);
    addresses.add(a);
    o.add("serverAddressByClientCIDRs", addresses);
    return o;
  }

  /** {@code /apis}: APIGroupList of every named group. */
  public static JsonObject groups() {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "APIGroupList");
    o.addProperty("apiVersion", "v1");
    JsonArray groups = new JsonArray();
    for (String gv : groupVersions()) {
      if (gv.contains("/")) {
        groups.add(group(gv.substring(0, gv.indexOf('/'))));
      }
    }
    o.add("groups", groups);
    return o;
  }

  /** {@code /apis/<group>}: one APIGroup (one version each here). */
  public static JsonObject group(String group) {
    JsonObject g = new JsonObject();
    g.addProperty("name", group);
    JsonArray versions = new JsonArray();
    JsonObject preferred = null;
    for (String gv : groupVersions()) {
      if (gv.startsWith(group + "/")) {
        JsonObject v = new JsonObject();
        v.addProperty("groupVersion", gv);
        v.addProperty("version", gv.substring(gv.indexOf('/') + 1));
        versions.add(v);
        preferred = preferred == null ? v : preferred;
      }
    }
    g.add("versions", versions);
    g.add("preferredVersion", preferred);
    return g;
  }

  public static boolean isGroup(String group) {
    return groupVersions().stream().anyMatch(gv -> gv.startsWith(group + "/"));
  }

  /** {@code /api/v1}, {@code /apis/apps/v1}: APIResourceList with each kind and its {@code status} subresource. */
  public static JsonObject resources(String groupVersion) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "APIResourceList");
    o.addProperty("apiVersion", "v1");
    o.addProperty("groupVersion", groupVersion);
    JsonArray resources = new JsonArray();
    for (ResourceKind<?> k : ResourceKinds.ALL) {
      if (!k.apiVersion().equals(groupVersion)) {
        continue;
      }
      JsonObject r = resource(k.plural(), k.singular(), k, verbs(k));
      if (!k.shortNames().isEmpty()) {
        r.add("shortNames", strings(k.shortNames()));
      }
      if (!k.categories().isEmpty()) {
        r.add("categories", strings(k.categories()));
      }
      resources.add(r);
      if (k == ResourceKinds.DEPLOYMENTS) {
        JsonObject scale = resource(k.plural() + "/scale", "", k, STATUS_VERBS);
        scale.addProperty("group", "autoscaling");
        scale.addProperty("version", "v1");
        scale.addProperty("kind", "Scale");
        resources.add(scale);
      }
      if (k.statusField() != null) {
        resources.add(resource(k.plural() + "/status", "", k, STATUS_VERBS));
      }
    }
    if (groupVersion.equals(EventsV1Api.GROUP_VERSION)) {
      resources.add(resource("events", "event", ResourceKinds.EVENTS, EventsV1Api.VERBS));
      resources.get(resources.size() - 1).getAsJsonObject().add("shortNames", strings(ResourceKinds.EVENTS.shortNames()));
    }
    o.add("resources", resources);
    return o;
  }

  private static JsonObject resource(String name, String singular, ResourceKind<?> k, List<String> verbs) {
    JsonObject r = new JsonObject();
    r.addProperty("name", name);
    r.addProperty("singularName", singular);
    r.addProperty("namespaced", k.namespaced());
    r.addProperty("kind", k.kind());
    r.add("verbs", strings(verbs));
    return r;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
