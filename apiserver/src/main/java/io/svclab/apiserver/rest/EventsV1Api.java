package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventsV1Event;
import io.svclab.api.v1.ListMeta;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.events.EventConversion;
import io.svclab.apiserver.registry.ListOptions;
import io.svclab.apiserver.registry.ListResult;
import io.svclab.apiserver.registry.Registry;
import io.svclab.client.json.KubeJson;
import io.svclab.client.json.KubeJsonException;
import io.svclab.client.resource.ResourceKinds;
import java.time.Clock;
import java.util.List;

/**
 * {@code events.k8s.io/v1} Events: the same Event store as core/v1 (one Registry kind, one watch
 * cache), each object converted on the way out and in by {@link EventConversion}, as kube-apiserver
 * serves both versions of one stored Event. A Table (kubectl get) is the core Event's, as Kubernetes
 * prints both with one printer.
 */
final class EventsV1Api {
  static final String GROUP_VERSION = EventConversion.API_VERSION;
  /** What this door serves of the group (patch: JSON, merge and strategic merge; not apply). */
  static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update",
      "watch");

  private final Registry registry;
  private final Clock clock;

  EventsV1Api(Registry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  RestResponse handle(RestRequest req, RestPath.Resource r) {
    try {
      return served(req, r);
    } catch (ApiException e) {
      if (!"NotFound".equals(e.reason()) || e.details().name().isEmpty()) {
        throw e;
      }
      // kube-apiserver names the resource with its group: events.events.k8s.io "x" not found
      throw new ApiException(e.code(), e.reason(), "events.events.k8s.io \"" + e.details().name() + "\" not found",
          List.of(), new ApiException.Details("events.k8s.io", "events", e.details().name()));
    }
  }

  private RestResponse served(RestRequest req, RestPath.Resource r) {
    String ns = RestApi.namespace(ResourceKinds.EVENTS, r);
    if (r.collection()) {
      return switch (req.method()) {
        case "GET" -> list(req, r, ns);
        case "POST" -> write(req, r, ns, true);
        case "DELETE" -> deleteCollection(req, ns);
        default -> RestApi.methodNotAllowed(req);
      };
    }
    return switch (req.method()) {
      case "GET" -> one(req, registry.get(ResourceKinds.EVENTS, ns, r.name()), 200);
      case "PUT" -> write(req, r, ns, false);
      case "PATCH" -> patch(req, r, ns);
      case "DELETE" -> one(req, registry.delete(ResourceKinds.EVENTS,
          RestApi.deleteOptions(req).setNamespace(ns).setName(r.name()).build()), 200);
      default -> RestApi.methodNotAllowed(req);
    };
  }

  private RestResponse list(RestRequest req, RestPath.Resource r, String ns) {
    long limit = req.param("limit").isEmpty() ? 0 : parseLimit(req.param("limit"));
    ListResult<Event> result = registry.list(ResourceKinds.EVENTS, new ListOptions(ns, req.param("labelSelector"),
        req.param("fieldSelector"), limit, req.param("continue")));
    String rv = Long.toString(result.revision());
    if (ServerTable.wanted(req.accept())) {
      return new RestResponse(200, ServerTable.json(ResourceKinds.EVENTS, result.items(), rv, result.continueToken(),
          clock.instant()), List.of());
    }
    JsonObject list = new JsonObject();
    list.addProperty("kind", "EventList");
    list.addProperty("apiVersion", GROUP_VERSION);
    list.add("metadata", KubeJson.encode(ListMeta.newBuilder().setResourceVersion(rv)
        .setContinue(result.continueToken()).build()));
    JsonArray items = new JsonArray();
    result.items().forEach(e -> items.add(encode(e)));
    list.add("items", items);
    return RestResponse.json(200, list);
  }

  private static long parseLimit(String limit) {
    try {
      return Long.parseLong(limit);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid limit: " + limit);
    }
  }

  private RestResponse one(RestRequest req, Event e, int code) {
    if (ServerTable.wanted(req.accept())) {
      return new RestResponse(code, ServerTable.json(ResourceKinds.EVENTS, List.of(e),
          e.getMetadata().getResourceVersion(), "", clock.instant()), List.of());
    }
    return RestResponse.json(code, encode(e));
  }

  /** One stored Event as events.k8s.io/v1 JSON. */
  static JsonObject encode(Event stored) {
    return KubeJson.encode(EventConversion.toEventsV1(ResourceKinds.EVENTS.withTypeMeta(stored)));
  }

  /** One watch line ({@code {"type":..,"object":..}}), the object in this version's shape or as a Table row. */
  String watchLine(RestRequest req, String type, Event object) {
    if (ServerTable.wanted(req.accept()) && !type.equals("BOOKMARK")) {
      return ServerTable.watchLine(type, ServerTable.json(ResourceKinds.EVENTS, List.of(object),
          object.getMetadata().getResourceVersion(), "", clock.instant()));
    }
    JsonObject e = new JsonObject();
    e.addProperty("type", type);
    e.add("object", encode(object));
    return e + "\n";
  }

  /** {@code deletecollection}: the Events the selectors match, each deleted as one DELETE would; their list. */
  private RestResponse deleteCollection(RestRequest req, String ns) {
    ListResult<Event> deleted = registry.deleteCollection(ResourceKinds.EVENTS, new ListOptions(ns,
        req.param("labelSelector"), req.param("fieldSelector"), 0, ""), RestApi.deleteOptions(req).setNamespace(ns)
        .build());
    JsonObject list = new JsonObject();
    list.addProperty("kind", "EventList");
    list.addProperty("apiVersion", GROUP_VERSION);
    list.add("metadata", KubeJson.encode(ListMeta.newBuilder().setResourceVersion(Long.toString(deleted.revision()))
        .build()));
    JsonArray items = new JsonArray();
    deleted.items().forEach(e -> items.add(encode(e)));
    list.add("items", items);
    return RestResponse.json(200, list);
  }

  /** Patches retry on a write conflict unless the patch names a resourceVersion, as {@link RestApi}'s. */
  private static final int PATCH_ATTEMPTS = 5;

  /**
   * JSON, merge and strategic merge patches, applied to the Event in this version's shape (so a patch
   * names {@code note}, {@code regarding}...), then converted back and written as a PUT would be.
   */
  private RestResponse patch(RestRequest req, RestPath.Resource r, String ns) {
    if (RestApi.contentType(req).equals(RestApi.APPLY_PATCH)) {
      throw new ApiException(io.grpc.Status.Code.INVALID_ARGUMENT, "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include: "
              + "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json",
          List.of());
    }
    FieldManagers.requireNoForce(req);
    JsonElement patch = RestApi.patchBody(req);
    for (int attempt = 1; ; attempt++) {
      Event current = registry.get(ResourceKinds.EVENTS, ns, r.name());
      JsonElement patched = RestApi.applyPatch(req, encode(current), patch, EventsV1Event.getDescriptor());
      Event event = decode(req, r, patched, false);
      try {
        return one(req, registry.update(ResourceKinds.EVENTS, event, false, RestApi.dryRun(req, "PatchOptions")), 200);
      } catch (ApiException e) {
        if (!"Conflict".equals(e.reason()) || RestApi.namesResourceVersion(patch) || attempt >= PATCH_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private RestResponse write(RestRequest req, RestPath.Resource r, String ns, boolean create) {
    JsonElement tree = RequestBodies.parse(req.contentType().split(";")[0].trim(), req.body(), ResourceKinds.EVENTS);
    Event event = decode(req, r, tree, create);
    Event stored = create
        ? registry.create(ResourceKinds.EVENTS, event, RestApi.dryRun(req, "CreateOptions"))
        : registry.update(ResourceKinds.EVENTS, event, false, RestApi.dryRun(req, "UpdateOptions"));
    return one(req, stored, create ? 201 : 200);
  }

  /** An events.k8s.io/v1 body as the stored core Event, checked as kube-apiserver checks it. */
  private Event decode(RestRequest req, RestPath.Resource r, JsonElement tree, boolean create) {
    String prefix = "Event in version \"v1\" cannot be handled as a Event: ";
    JsonElement version = tree.isJsonObject() ? tree.getAsJsonObject().get("apiVersion") : null;
    if (version != null && version.isJsonPrimitive() && !version.getAsString().equals(GROUP_VERSION)) {
      throw ApiException.badRequest(prefix + "apiVersion " + version.getAsString() + " is not " + GROUP_VERSION);
    }
    KubeJson.Decoded<EventsV1Event> decoded;
    try {
      decoded = KubeJson.decode(tree, EventsV1Event.getDefaultInstance());
    } catch (KubeJsonException e) {
      throw ApiException.badRequest(prefix + e.getMessage());
    }
    if (req.param("fieldValidation").equals("Strict") && !decoded.unknownFields().isEmpty()) {
      throw ApiException.badRequest(prefix + "strict decoding error: " + String.join(", ",
          decoded.unknownFields().stream().map(u -> "unknown field \"" + u + "\"").toList()));
    }
    Event event = EventConversion.toCore(decoded.object());
    ObjectMeta meta = event.getMetadata();
    if (r.namespace() != null) {
      if (!meta.getNamespace().isEmpty() && !meta.getNamespace().equals(r.namespace())) {
        throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
            + "the request");
      }
      event = event.toBuilder().setMetadata(meta.toBuilder().setNamespace(r.namespace())).build();
    }
    if (!create && !event.getMetadata().getName().equals(r.name())) {
      throw ApiException.badRequest("the name of the object (" + event.getMetadata().getName()
          + ") does not match the name on the URL (" + r.name() + ")");
    }
    return event;
  }
}
