package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Aggregated discovery ({@code apidiscovery.k8s.io/v2} APIGroupDiscoveryList): what kubectl 1.32 asks
 * {@code /api} and {@code /apis} for first, every group's versions and resources in one answer, so it
 * needs no request per group/version. Built from the same tables as the legacy documents of
 * {@link Discovery}.
 */
public final class AggregatedDiscovery {
  private AggregatedDiscovery() {}

  /** The media type of the answer; kubectl reads the body as aggregated only when it is labelled so. */
  public static final String MEDIA_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  /** Whether one of the Accept header's clauses is the v2 APIGroupDiscoveryList (parameters in any order). */
  public static boolean wanted(String accept) {
    return Arrays.stream(accept.split(",")).anyMatch(clause -> {
      Map<String, String> params = new java.util.HashMap<>();
      String[] parts = clause.split(";");
      if (!parts[0].trim().equals("application/json")) {
        return false;
      }
      for (int i = 1; i < parts.length; i++) {
        String[] kv = parts[i].split("=", 2);
        if (kv.length == 2) {
          params.put(kv[0].trim(), kv[1].trim());
        }
      }
      return "apidiscovery.k8s.io".equals(params.get("g")) && "v2".equals(params.get("v"))
          && "APIGroupDiscoveryList".equals(params.get("as"));
    });
  }

  /** {@code /api}: the core group (its name empty). */
  public static JsonObject core() {
    return list(List.of(""));
  }

  /** {@code /apis}: every named group, in {@link Discovery#groupVersions()} order. */
  public static JsonObject groups() {
    return list(Discovery.groupVersions().stream().filter(gv -> gv.contains("/"))
        .map(gv -> gv.substring(0, gv.indexOf('/'))).distinct().toList());
  }

  private static JsonObject list(List<String> groups) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "APIGroupDiscoveryList");
    o.addProperty("apiVersion", "apidiscovery.k8s.io/v2");
    o.add("metadata", new JsonObject());
    JsonArray items = new JsonArray();
    for (String group : groups) {
      JsonObject item = new JsonObject();
      JsonObject meta = new JsonObject();
      if (!group.isEmpty()) {
        meta.addProperty("name", group);
      }
      item.add("metadata", meta);
      JsonArray versions = new JsonArray();
      for (String gv : Discovery.groupVersions()) {
        String g = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
        if (g.equals(group)) {
          versions.add(version(gv));
        }
      }
      item.add("versions", versions);
      items.add(item);
    }
    o.add("items", items);
    return o;
  }

  private static JsonObject version(String groupVersion) {
    JsonObject v = new JsonObject();
    v.addProperty("version", groupVersion.substring(groupVersion.indexOf('/') + 1));
    JsonArray resources = new JsonArray();
    for (ResourceKind<?> k : ResourceKinds.ALL) {
      if (k.apiVersion().equals(groupVersion)) {
        resources.add(resource(k));
      }
    }
    if (groupVersion.equals(EventsV1Api.GROUP_VERSION)) {
      JsonObject events = resource(ResourceKinds.EVENTS);
      events.add("responseKind", kind("events.k8s.io", "v1", "Event"));
      events.add("verbs", strings(EventsV1Api.VERBS));
      resources.add(events);
    }
    v.add("resources", resources);
    v.addProperty("freshness", "Current");
    return v;
  }

  private static JsonObject resource(ResourceKind<?> k) {
    JsonObject r = new JsonObject();
    r.addProperty("resource", k.plural());
    r.add("responseKind", kind(k.group(), k.version(), k.kind()));
    r.addProperty("scope", k.namespaced() ? "Namespaced" : "Cluster");
    r.addProperty("singularResource", k.singular());
    r.add("verbs", strings(Discovery.verbs(k)));
    if (!k.shortNames().isEmpty()) {
      r.add("shortNames", strings(k.shortNames()));
    }
    if (!k.categories().isEmpty()) {
      r.add("categories", strings(k.categories()));
    }
    JsonArray subresources = new JsonArray();
    if (k == ResourceKinds.DEPLOYMENTS) {
      subresources.add(subresource("scale", kind("autoscaling", "v1", "Scale")));
    }
    if (k.statusField() != null) {
      subresources.add(subresource("status", kind(k.group(), k.version(), k.kind())));
    }
    if (!subresources.isEmpty()) {
      r.add("subresources", subresources);
    }
    return r;
  }

  private static JsonObject subresource(String name, JsonObject responseKind) {
    JsonObject s = new JsonObject();
    s.addProperty("subresource", name);
    s.add("responseKind", responseKind);
    s.add("verbs", strings(Discovery.STATUS_VERBS));
    return s;
  }

  private static JsonObject kind(String group, String version, String kind) {
    JsonObject k = new JsonObject();
    k.addProperty("group", group);
    k.addProperty("version", version);
    k.addProperty("kind", kind);
    return k;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
