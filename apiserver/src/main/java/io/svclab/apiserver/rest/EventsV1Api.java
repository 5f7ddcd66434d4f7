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
  /** What this door serves of the group (no patch or deletecollection here yet). */
  static final List<String> VERBS = List.of("create", "delete", "get", "list", "update", "watch");

  private final Registry registry;
  private final Clock clock;

  EventsV1Api(Registry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  RestResponse handle(RestRequest req, RestPath.Resource r) {
    String ns = RestApi.namespace(ResourceKinds.EVENTS, r);
    if (r.collection()) {
      return switch (req.method()) {
        case "GET" -> list(req, r, ns);
        case "POST" -> write(req, r, ns, true);
        default -> RestApi.methodNotAllowed(req);
      };
    }
    return switch (req.method()) {
      case "GET" -> one(req, registry.get(ResourceKinds.EVENTS, ns, r.name()), 200);
      case "PUT" -> write(req, r, ns, false);
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
      return RestResponse.json(200, ServerTable.of(ResourceKinds.EVENTS, result.items(), rv, result.continueToken(),
          clock.instant()));
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
      return RestResponse.json(code, ServerTable.of(ResourceKinds.EVENTS, List.of(e),
          e.getMetadata().getResourceVersion(), "", clock.instant()));
    }
    return RestResponse.json(code, encode(e));
  }

  /** One stored Event as events.k8s.io/v1 JSON. */
  static JsonObject encode(Event stored) {
    return KubeJson.encode(EventConversion.toEventsV1(ResourceKinds.EVENTS.withTypeMeta(stored)));
  }

  /** One watch line ({@code {"type":..,"object":..}}), the object in this version's shape or as a Table row. */
  String watchLine(RestRequest req, String type, Event object) {
    JsonObject e = new JsonObject();
    e.addProperty("type", type);
    if (ServerTable.wanted(req.accept()) && !type.equals("BOOKMARK")) {
      e.add("object", ServerTable.of(ResourceKinds.EVENTS, List.of(object),
          object.getMetadata().getResourceVersion(), "", clock.instant()));
    } else {
      e.add("object", encode(object));
    }
    return e + "\n";
  }

  private RestResponse write(RestRequest req, RestPath.Resource r, String ns, boolean create) {
    JsonElement tree = RequestBodies.parse(req.contentType().split(";")[0].trim(), req.body(), ResourceKinds.EVENTS);
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
    Event stored = create
        ? registry.create(ResourceKinds.EVENTS, event, RestApi.dryRun(req, "CreateOptions"))
        : registry.update(ResourceKinds.EVENTS, event, false, RestApi.dryRun(req, "UpdateOptions"));
    return one(req, stored, create ? 201 : 200);
  }
}
