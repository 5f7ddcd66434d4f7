package io.svclab.apiserver.rest;

import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a Kubernetes API URL path names: a discovery document, a health check, or resources of one kind. */
public sealed interface RestPath {

  /** {@code /version}, {@code /healthz}, {@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/apps/v1}, ... */
  record Document(String name, String groupVersion) implements RestPath {}

  /**
   * Objects of one kind: a collection when {@code name} is null; {@code namespace} null means every
   * namespace (or a cluster-scoped kind); {@code subresource} null for the object itself.
   */
  record Resource(ResourceKind<?> kind, String namespace, String name, String subresource) implements RestPath {
    public boolean collection() { return name == null; }
  }

  /** Events in the events.k8s.io/v1 shape: the {@code stored} core/v1 Events the same path names. */
  record EventsV1(Resource stored) implements RestPath {}

  /** Nothing served here: 404. */
  record Unknown(String path) implements RestPath {}

  static RestPath parse(String path) {
    String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    switch (p) {
      case "/version", "/healthz", "/readyz", "/livez", "/api", "/apis", "/openapi/v2", "/openapi/v3":
        return new Document(p.substring(1), null);
      default:
        break;
    }
    if (p.startsWith("/openapi/v3/")) {
      return new Document("openapi/v3/gv", p.substring("/openapi/v3/".length()));
    }
    if (p.startsWith("/healthz/") || p.startsWith("/readyz/") || p.startsWith("/livez/")) {
      return new Document(p.substring(1, p.indexOf('/', 1)), null);
    }
    List<String> s = Arrays.stream(p.split("/")).skip(1).toList();
    if (s.size() >= 4 && s.get(0).equals("apis") && (s.get(1) + "/" + s.get(2)).equals(EventsV1Api.GROUP_VERSION)) {
      RestPath stored = resourcePath("", "v1", s.subList(3, s.size()), p);
      return stored instanceof Resource r && r.kind() == ResourceKinds.EVENTS && r.subresource() == null
          ? new EventsV1(r) : new Unknown(p);
    }
    if (s.size() >= 2 && s.get(0).equals("api")) {
      return resourcePath("", s.get(1), s.subList(2, s.size()), p);
    }
    if (s.size() == 2 && s.get(0).equals("apis")) {
      return new Document("group", s.get(1));
    }
    if (s.size() >= 3 && s.get(0).equals("apis")) {
      return resourcePath(s.get(1), s.get(2), s.subList(3, s.size()), p);
    }
    return new Unknown(p);
  }

  private static RestPath resourcePath(String group, String version, List<String> rest, String path) {
    String groupVersion = group.isEmpty() ? version : group + "/" + version;
    if (!Discovery.groupVersions().contains(groupVersion)) {
      return new Unknown(path);
    }
    if (rest.isEmpty()) {
      return new Document("resources", groupVersion);
    }
    String namespace = null;
    List<String> r = rest;
    // /namespaces/{ns}/{plural}... names a namespaced kind; /namespaces/{name}[/status] the Namespace itself
    if (r.size() >= 3 && r.get(0).equals("namespaces")) {
      Optional<ResourceKind<?>> inner = kind(groupVersion, r.get(2));
      if (inner.isPresent() && inner.get().namespaced()) {
        namespace = r.get(1);
        r = r.subList(2, r.size());
      }
    }
    Optional<ResourceKind<?>> kind = kind(groupVersion, r.get(0));
    if (kind.isEmpty() || r.size() > 3) {
      return new Unknown(path);
    }
    String name = r.size() >= 2 ? r.get(1) : null;
    String sub = r.size() == 3 ? r.get(2) : null;
    return new Resource(kind.get(), namespace, name, sub);
  }

  private static Optional<ResourceKind<?>> kind(String groupVersion, String plural) {
    return ResourceKinds.ALL.stream()
        .filter(k -> k.apiVersion().equals(groupVersion) && k.plural().equals(plural))
        .findFirst();
  }
}
