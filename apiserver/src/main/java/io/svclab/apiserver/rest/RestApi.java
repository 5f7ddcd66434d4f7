package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.ListMeta;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.ownership.FieldOwnership;
import io.svclab.apiserver.ownership.UpdateManager;
import io.svclab.apiserver.rest.kubeproto.ProtobufBodies;
import io.svclab.apiserver.registry.ListOptions;
import io.svclab.apiserver.registry.ListResult;
import io.svclab.apiserver.registry.Registry;
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.apiserver.watch.Watcher;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.svclab.api.v1.Scale;
import io.svclab.client.json.JsonPatches;
import io.svclab.client.json.KubeJson;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.json.KubeJsonException;
import io.svclab.client.resource.ResourceKind;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.apiserver.kubelet.ExecOptions;
import io.svclab.apiserver.kubelet.KubeletLocation;
import io.svclab.apiserver.kubelet.KubeletTarget;
import io.svclab.client.streams.PodLogOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The Kubernetes REST verbs over the same {@link Registry} as gRPC: requests in, Registry calls,
 * Kubernetes JSON (or a server-side Table) out. Holds no rule of its own beyond the HTTP shape.
 */
public final class RestApi {
  private final Registry registry;
  private final Clock clock;
  private final String serverAddress;
  private final BooleanSupplier ready;
  private final WatchEventLines watchLines = new WatchEventLines();
  private final EventsV1Api eventsV1;

  public RestApi(Registry registry, Clock clock, String serverAddress, BooleanSupplier ready) {
    this.registry = registry;
    this.clock = clock;
    this.serverAddress = serverAddress;
    this.ready = ready;
    this.eventsV1 = new EventsV1Api(registry, clock);
  }

  /** Everything but watches. */
  public RestResponse handle(RestRequest req, RestPath path) {
    try {
      if (path instanceof RestPath.Document d) {
        return document(req, d);
      }
      if (path instanceof RestPath.Resource r) {
        return resource(req, r);
      }
      if (path instanceof RestPath.EventsV1 e) {
        return eventsV1.handle(req, e.stored());
      }
      return notFound(req.path());
    } catch (ApiException e) {
      return RestResponse.json(StatusErrors.httpCode(e.reason()), StatusErrors.status(e));
    }
  }

  static RestResponse notFound(String path) {
    return RestResponse.json(404, StatusErrors.failure(404, "NotFound", "the server could not find the requested resource"));
  }

  private RestResponse document(RestRequest req, RestPath.Document d) {
    if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
      return methodNotAllowed(req);
    }
    switch (d.name()) {
      case "version":
        return RestResponse.json(200, ServerVersion.json());
      case "healthz", "livez", "readyz":
        return ready.getAsBoolean() ? new RestResponse(200, "ok", List.of())
            : new RestResponse(500, d.name() + " check failed", List.of());
      case "api", "apis":
        if (AggregatedDiscovery.wanted(req.accept())) {
          JsonObject all = d.name().equals("api") ? AggregatedDiscovery.core() : AggregatedDiscovery.groups();
          return new RestResponse(200, all.toString(), List.of(), AggregatedDiscovery.MEDIA_TYPE);
        }
        return RestResponse.json(200, d.name().equals("api") ? Discovery.coreVersions(serverAddress)
            : Discovery.groups());
      case "group":
        return Discovery.isGroup(d.groupVersion()) ? RestResponse.json(200, Discovery.group(d.groupVersion()))
            : notFound(req.path());
      case "resources":
        return RestResponse.json(200, Discovery.resources(d.groupVersion()));
      case "openapi/v2":
        if (OpenApiV2.prefersProtobuf(req.accept())) {
          return new RestResponse(200, OpenApiV2.protobuf(), List.of(), OpenApiV2.PROTOBUF_CONTENT_TYPE);
        }
        // kube-openapi answers an Accept it cannot serve with a bare 406
        return OpenApiV2.acceptsJson(req.accept()) ? new RestResponse(200, OpenApiV2.json(), List.of())
            : new RestResponse(406, "", List.of());
      case "openapi/v3":
        return RestResponse.json(200, OpenApiV3.root());
      case "openapi/v3/gv": {
        JsonObject doc = OpenApiV3.document(d.groupVersion());
        return doc == null ? notFound(req.path()) : RestResponse.json(200, doc);
      }
      default:
        return notFound(req.path());
    }
  }

  static RestResponse methodNotAllowed(RestRequest req) {
    return RestResponse.json(405, StatusErrors.failure(405, "MethodNotAllowed",
        "the server does not allow this method on the requested resource"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse resource(RestRequest req, RestPath.Resource r) {
    ResourceKind kind = r.kind();
    if ("scale".equals(r.subresource()) && kind == ResourceKinds.DEPLOYMENTS && r.namespace() != null) {
      return scale(req, r);
    }
    if (r.subresource() != null && !r.subresource().equals("status")) {
      return notFound(req.path());
    }
    String method = req.method();
    if (r.collection()) {
      switch (method) {
        case "GET":
          return list(req, kind, r);
        case "POST":
          return create(req, kind, r);
        case "DELETE":
          return deleteCollection(req, kind, r);
        default:
          return methodNotAllowed(req);
      }
    }
    switch (method) {
      case "GET": {
        Message obj = registry.get(kind, namespace(kind, r), r.name());
        return one(req, kind, obj, 200);
      }
      case "PUT":
        return update(req, kind, r);
      case "PATCH":
        return patch(req, kind, r);
      case "DELETE":
        return delete(req, kind, r);
      default:
        return methodNotAllowed(req);
    }
  }

  static String namespace(ResourceKind<?> kind, RestPath.Resource r) {
    return kind.namespaced() && r.namespace() != null ? r.namespace() : "";
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse list(RestRequest req, ResourceKind kind, RestPath.Resource r) {
    long limit = 0;
    if (!req.param("limit").isEmpty()) {
      try {
        limit = Long.parseLong(req.param("limit"));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid limit: " + req.param("limit"));
      }
    }
    ListResult<Message> result = registry.list(kind, new ListOptions(namespace(kind, r), req.param("labelSelector"),
        req.param("fieldSelector"), limit, req.param("continue")));
    String rv = Long.toString(result.revision());
    if (ServerTable.wanted(req.accept())) {
      return new RestResponse(200, ServerTable.json(kind, result.items(), rv, result.continueToken(), clock.instant()),
          List.of());
    }
    JsonObject list = new JsonObject();
    list.addProperty("kind", kind.kind() + "List");
    list.addProperty("apiVersion", kind.apiVersion());
    list.add("metadata", KubeJson.encode(ListMeta.newBuilder().setResourceVersion(rv)
        .setContinue(result.continueToken()).build()));
    JsonArray items = new JsonArray();
    for (Message m : result.items()) {
      items.add(KubeJson.encode(kind.withTypeMeta(m)));
    }
    list.add("items", items);
    return RestResponse.json(200, list);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse one(RestRequest req, ResourceKind kind, Message obj, int code) {
    if (ServerTable.wanted(req.accept())) {
      return new RestResponse(code, ServerTable.json(kind, List.of(obj), kind.meta(obj).getResourceVersion(), "",
          clock.instant()), List.of());
    }
    return RestResponse.json(code, KubeJson.encode(kind.withTypeMeta(obj)));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse create(RestRequest req, ResourceKind kind, RestPath.Resource r) {
    Body body = body(req, kind);
    Message obj = body.object();
    ObjectMeta meta = kind.meta(obj);
    if (kind.namespaced() && r.namespace() != null) {
      if (!meta.getNamespace().isEmpty() && !meta.getNamespace().equals(r.namespace())) {
        throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
            + "the request");
      }
      obj = kind.withMeta(obj, meta.toBuilder().setNamespace(r.namespace()).build());
    }
    Message created = registry.create(kind, obj, dryRun(req, "CreateOptions"),
        new UpdateManager(FieldManagers.updater(req, "CreateOptions"), body.resetsOwners()));
    return one(req, kind, created, 201).withWarnings(body.warnings());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse update(RestRequest req, ResourceKind kind, RestPath.Resource r) {
    Body body = body(req, kind);
    Message obj = body.object();
    ObjectMeta meta = kind.meta(obj);
    if (!meta.getName().equals(r.name())) {
      throw ApiException.badRequest("the name of the object (" + meta.getName()
          + ") does not match the name on the URL (" + r.name() + ")");
    }
    if (kind.namespaced() && r.namespace() != null) {
      if (!meta.getNamespace().isEmpty() && !meta.getNamespace().equals(r.namespace())) {
        throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
            + "the request");
      }
      obj = kind.withMeta(obj, meta.toBuilder().setNamespace(r.namespace()).build());
    }
    Message updated = registry.update(kind, obj, "status".equals(r.subresource()), dryRun(req, "UpdateOptions"),
        new UpdateManager(FieldManagers.updater(req, "UpdateOptions"), body.resetsOwners()));
    return one(req, kind, updated, 200).withWarnings(body.warnings());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse delete(RestRequest req, ResourceKind kind, RestPath.Resource r) {
    DeleteRequest.Builder d = deleteOptions(req);
    d.setNamespace(namespace(kind, r)).setName(r.name());
    Message deleted = registry.delete(kind, d.build());
    return one(req, kind, deleted, 200);
  }

  /** {@code deletecollection}: every object the selectors match, each deleted as one DELETE would; the list of them. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse deleteCollection(RestRequest req, ResourceKind kind, RestPath.Resource r) {
    if (!Discovery.deletesCollections(kind)) {
      return methodNotAllowed(req);
    }
    DeleteRequest options = deleteOptions(req).setNamespace(namespace(kind, r)).build();
    ListResult<Message> deleted = registry.deleteCollection(kind, new ListOptions(namespace(kind, r),
        req.param("labelSelector"), req.param("fieldSelector"), 0, ""), options);
    JsonObject list = new JsonObject();
    list.addProperty("kind", kind.kind() + "List");
    list.addProperty("apiVersion", kind.apiVersion());
    list.add("metadata", KubeJson.encode(ListMeta.newBuilder().setResourceVersion(Long.toString(deleted.revision()))
        .build()));
    JsonArray items = new JsonArray();
    for (Message m : deleted.items()) {
      items.add(KubeJson.encode(kind.withTypeMeta(m)));
    }
    list.add("items", items);
    return RestResponse.json(200, list);
  }

  /** DeleteOptions from the body and the query (query parameters win), dryRun checked. */
  static DeleteRequest.Builder deleteOptions(RestRequest req) {
    DeleteRequest.Builder d = DeleteRequest.newBuilder();
    if (req.body().length > 0) {
      String text = new String(req.body(), StandardCharsets.UTF_8);
      try {
        d.mergeFrom(KubeJson.decode(text, DeleteRequest.getDefaultInstance()).object());
      } catch (KubeJsonException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }
    if (!req.param("gracePeriodSeconds").isEmpty()) {
      try {
        d.setGracePeriodSeconds(Long.parseLong(req.param("gracePeriodSeconds")));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid gracePeriodSeconds: " + req.param("gracePeriodSeconds"));
      }
    }
    if (!req.param("propagationPolicy").isEmpty()) {
      d.setPropagationPolicy(req.param("propagationPolicy"));
    }
    List<String> dryRun = new ArrayList<>(d.getDryRunList());
    dryRun.addAll(req.query().getOrDefault("dryRun", List.of()));
    d.clearDryRun();
    if (DryRun.requested(dryRun, "DeleteOptions")) {
      d.addDryRun("All");
    }
    return d;
  }

  static boolean dryRun(RestRequest req, String optionsKind) {
    return DryRun.requested(req.query().getOrDefault("dryRun", List.of()), optionsKind);
  }

  /** Patches retry on a conflict unless the patch itself names a resourceVersion (Kubernetes does the same). */
  private static final int PATCH_ATTEMPTS = 5;

  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse patch(RestRequest req, ResourceKind kind, RestPath.Resource r) {
    if (contentType(req).equals(APPLY_PATCH) && !"status".equals(r.subresource())) {
      return apply(req, kind, r);
    }
    FieldManagers.requireNoForce(req);
    JsonElement patch = patchBody(req);
    for (int attempt = 1; ; attempt++) {
      Message current = registry.get(kind, namespace(kind, r), r.name());
      JsonElement patched = applyPatch(req, KubeJson.encode(kind.withTypeMeta(current)), patch,
          kind.prototype().getDescriptorForType());
      Body body = body(req, kind, patched, true);
      Message obj = body.object();
      try {
        Message updated = registry.update(kind, obj, "status".equals(r.subresource()),
            dryRun(req, "PatchOptions"), new UpdateManager(FieldManagers.updater(req, "PatchOptions"),
                body.resetsOwners()));
        return one(req, kind, updated, 200).withWarnings(body.warnings());
      } catch (ApiException e) {
        if (!"Conflict".equals(e.reason()) || namesResourceVersion(patch) || attempt >= PATCH_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Server-side apply's patch type: the configuration, in YAML (JSON being YAML too). */
  static final String APPLY_PATCH = "application/apply-patch+yaml";

  static String contentType(RestRequest req) {
    return req.contentType().split(";")[0].trim();
  }

  /**
   * Server-side apply: the configuration merged into the live object by {@code FieldOwnership}
   * (or the object created from it), refused with 409 when it would change another manager's
   * fields and {@code force} is not set; retried on a write conflict as other patches are.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private RestResponse apply(RestRequest req, ResourceKind kind, RestPath.Resource r) {
    String manager = FieldManagers.applier(req);
    JsonObject config = RequestBodies.parse("application/yaml", req.body(), kind);
    RequestBodies.kindMismatch(kind, stringField(config, "apiVersion"), stringField(config, "kind")).ifPresent(m -> {
      throw ApiException.badRequest(m);
    });
    JsonObject configMeta = config.get("metadata") instanceof JsonObject m ? m : new JsonObject();
    if (configMeta.has("managedFields") && !configMeta.get("managedFields").isJsonNull()) {
      throw ApiException.badRequest("metadata.managedFields must be nil");
    }
    String name = stringField(configMeta, "name");
    if (!name.equals(r.name())) {
      throw ApiException.badRequest("the name of the object (" + name + ") does not match the name on the URL ("
          + r.name() + ")");
    }
    String namespace = namespace(kind, r);
    String configNamespace = stringField(configMeta, "namespace");
    if (kind.namespaced() && !configNamespace.isEmpty() && !configNamespace.equals(namespace)) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on "
          + "the request");
    }
    com.google.protobuf.Descriptors.Descriptor type = kind.prototype().getDescriptorForType();
    boolean dryRun = dryRun(req, "PatchOptions");
    for (int attempt = 1; ; attempt++) {
      Optional<Message> current = (Optional<Message>) registry.find(kind, namespace, r.name());
      JsonObject live = current.map(c -> KubeJson.encode(kind.withTypeMeta(c))).orElse(null);
      List<io.svclab.apiserver.ownership.Ownership> owners =
          current.map(c -> FieldManagers.owners(kind, c)).orElse(List.of());
      FieldOwnership.ApplyOutcome outcome = FieldOwnership.apply(owners, manager, kind.apiVersion(), clock.instant(),
          live, config, req.flag("force"), type);
      if (outcome instanceof FieldOwnership.Conflicted c) {
        throw FieldManagers.conflict(c.conflicts());
      }
      FieldOwnership.Applied applied = (FieldOwnership.Applied) outcome;
      Body body = body(req, kind, applied.object(), true);
      Message obj = FieldManagers.withOwners(kind, body.object(), applied.owners());
      if (kind.namespaced()) {
        obj = kind.withMeta(obj, kind.meta(obj).toBuilder().setNamespace(namespace).build());
      }
      try {
        Message written = current.isPresent() ? registry.update(kind, obj, false, dryRun)
            : registry.create(kind, obj, dryRun);
        return one(req, kind, written, current.isPresent() ? 200 : 201).withWarnings(body.warnings());
      } catch (ApiException e) {
        boolean raced = "Conflict".equals(e.reason()) || "AlreadyExists".equals(e.reason());
        if (!raced || namesResourceVersion(config) || attempt >= PATCH_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  static JsonElement patchBody(RestRequest req) {
    try {
      return JsonParser.parseString(new String(req.body(), StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw ApiException.badRequest("error decoding patch: " + e.getMessage());
    }
  }

  static boolean namesResourceVersion(JsonElement patch) {
    return patch.isJsonObject() && patch.getAsJsonObject().get("metadata") instanceof JsonObject m
        && m.has("resourceVersion");
  }

  /** The patched JSON of {@code current}, by the patch type kubectl names in Content-Type. */
  static JsonElement applyPatch(RestRequest req, JsonObject current, JsonElement patch,
      com.google.protobuf.Descriptors.Descriptor type) {
    String ct = req.contentType().split(";")[0].trim();
    try {
      switch (ct) {
        case "application/merge-patch+json":
          return JsonPatches.merge(current, patch);
        case "application/strategic-merge-patch+json":
          return JsonPatches.strategic(current, patch, type);
        case "application/json-patch+json":
          if (!patch.isJsonArray()) {
            throw ApiException.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
          }
          return JsonPatches.jsonPatch(current, patch.getAsJsonArray());
        default:
          throw new ApiException(io.grpc.Status.Code.INVALID_ARGUMENT, "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include: "
                  + "application/json-patch+json, application/merge-patch+json, "
                  + "application/strategic-merge-patch+json, " + APPLY_PATCH,
              List.of());
      }
    } catch (KubeJsonException e) {
      throw new ApiException(io.grpc.Status.Code.INVALID_ARGUMENT, "Invalid", e.getMessage(), List.of());
    }
  }

  /** {@code deployments/scale}: GET, PUT and PATCH of the autoscaling/v1 Scale. */
  private RestResponse scale(RestRequest req, RestPath.Resource r) {
    String ns = r.namespace();
    switch (req.method()) {
      case "GET":
        return RestResponse.json(200, KubeJson.encode(registry.getScale(r.kind(), ns, r.name())));
      case "PUT": {
        Scale scale = decodeScale(new String(req.body(), StandardCharsets.UTF_8));
        return RestResponse.json(200, KubeJson.encode(registry.updateScale(r.kind(), ns, r.name(), scale)));
      }
      case "PATCH": {
        JsonElement patch = patchBody(req);
        Scale current = registry.getScale(r.kind(), ns, r.name());
        JsonElement patched = applyPatch(req, KubeJson.encode(current), patch, Scale.getDescriptor());
        Scale scale = decodeScale(patched.toString());
        if (!namesResourceVersion(patch)) {
          scale = scale.toBuilder().setMetadata(scale.getMetadata().toBuilder().clearResourceVersion()).build();
        }
        return RestResponse.json(200, KubeJson.encode(registry.updateScale(r.kind(), ns, r.name(), scale)));
      }
      default:
        return methodNotAllowed(req);
    }
  }

  private static Scale decodeScale(String text) {
    try {
      return KubeJson.decode(text, Scale.getDefaultInstance()).object();
    } catch (KubeJsonException e) {
      throw ApiException.badRequest("Scale in version \"v1\" cannot be handled as a Scale: " + e.getMessage());
    }
  }

  /**
   * A decoded body, the warnings for fields the model does not know ({@code fieldValidation=Warn}),
   * and whether it resets managedFields ({@code "managedFields": []}, which the decoded proto cannot
   * tell from no managedFields at all).
   */
  private record Body(Message object, List<String> warnings, boolean resetsOwners) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Body body(RestRequest req, ResourceKind kind) {
    String ct = req.contentType().split(";")[0].trim();
    if (ct.equals(ProtobufBodies.MEDIA_TYPE)) {
      // kube-apiserver's protobuf serializer has no strict mode: fieldValidation does not apply
      return body(req, kind, ProtobufBodies.parse(req.body(), kind), false);
    }
    if (!ct.isEmpty() && !ct.equals("application/json") && !ct.equals("application/yaml") && !ct.equals("*/*")) {
      throw new ApiException(io.grpc.Status.Code.INVALID_ARGUMENT, "UnsupportedMediaType",
          "the body of the request was in an unknown format - accepted media types include: "
              + "application/json, application/yaml, " + ProtobufBodies.MEDIA_TYPE,
          List.of());
    }
    return body(req, kind, RequestBodies.parse(ct, req.body(), kind), true);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Body body(RestRequest req, ResourceKind kind, JsonElement tree, boolean fieldValidation) {
    String prefix = kind.kind() + " in version \"" + kind.version() + "\" cannot be handled as a " + kind.kind() + ": ";
    if (tree.isJsonObject()) {
      RequestBodies.kindMismatch(kind, stringField(tree.getAsJsonObject(), "apiVersion"),
          stringField(tree.getAsJsonObject(), "kind")).ifPresent(m -> {
            throw ApiException.badRequest(m);
          });
    }
    KubeJson.Decoded decoded;
    try {
      decoded = KubeJson.decode(tree, kind.prototype());
    } catch (KubeJsonException e) {
      throw ApiException.badRequest(prefix + e.getMessage());
    }
    Message obj = decoded.object();
    List<String> unknown = fieldValidation ? decoded.unknownFields() : List.of();
    List<String> warnings = new ArrayList<>();
    String validation = req.param("fieldValidation");
    if (!unknown.isEmpty() && validation.equals("Strict")) {
      List<String> parts = unknown.stream().map(u -> "unknown field \"" + u + "\"").toList();
      throw ApiException.badRequest(prefix + "strict decoding error: " + String.join(", ", parts));
    }
    if (!validation.equals("Ignore")) {
      unknown.forEach(u -> warnings.add("unknown field \"" + u + "\""));
    }
    return new Body(obj, warnings, emptyManagedFields(tree));
  }

  private static boolean emptyManagedFields(JsonElement tree) {
    return tree.isJsonObject() && tree.getAsJsonObject().get("metadata") instanceof JsonObject meta
        && meta.get("managedFields") instanceof JsonArray entries && entries.isEmpty();
  }

  private static String stringField(JsonObject o, String name) {
    JsonElement v = o.get(name);
    return v != null && v.isJsonPrimitive() ? v.getAsString() : "";
  }

  // ---------------- kubelet streams ----------------

  /** {@code pods/log}: the kubelet URL to stream from, or empty when the pod has no node yet (an empty log). */
  public Optional<KubeletTarget> podLogUrl(RestPath.Resource r, PodLogOptions o) {
    Pod pod = registry.get(ResourceKinds.PODS, r.namespace(), r.name());
    String container = KubeletLocation.container(pod, o.container());
    if (pod.getSpec().getNodeName().isEmpty()) {
      return Optional.empty();
    }
    Node node = registry.get(ResourceKinds.NODES, "", pod.getSpec().getNodeName());
    String q = o.query();
    return Optional.of(KubeletLocation.target(node, KubeletLocation.path("containerLogs", pod, container)
        + (q.isEmpty() ? "" : "?" + q)));
  }

  /** {@code pods/exec}: the node-agent URL that runs the command, after Kubernetes' checks of the pod. */
  public KubeletTarget podExecUrl(RestPath.Resource r, ExecOptions o) {
    return podStreamUrl(r, o, "exec");
  }

  /** {@code pods/exec} or {@code pods/attach} ({@code subresource}): the node-agent URL, after Kubernetes' checks. */
  public KubeletTarget podStreamUrl(RestPath.Resource r, ExecOptions o, String subresource) {
    Pod pod = registry.get(ResourceKinds.PODS, r.namespace(), r.name());
    String container = KubeletLocation.container(pod, o.container());
    String phase = pod.getStatus().getPhase();
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      throw ApiException.badRequest((subresource.equals("attach") ? "cannot attach to" : "cannot exec into")
          + " a container in a completed pod; current phase is " + phase);
    }
    if (pod.getSpec().getNodeName().isEmpty()) {
      throw ApiException.badRequest("pod " + r.name() + " does not have a host assigned");
    }
    Node node = registry.get(ResourceKinds.NODES, "", pod.getSpec().getNodeName());
    return KubeletLocation.target(node, KubeletLocation.path(subresource, pod, container) + "?" + o.kubeletQuery());
  }

  /** {@code pods/portforward}: the pod's node-agent URL for forwarded connections, after kube-apiserver's checks. */
  public KubeletTarget podPortForwardUrl(RestPath.Resource r) {
    Pod pod = registry.get(ResourceKinds.PODS, r.namespace(), r.name());
    if (pod.getSpec().getNodeName().isEmpty()) {
      throw ApiException.badRequest("pod " + r.name() + " does not have a host assigned");
    }
    Node node = registry.get(ResourceKinds.NODES, "", pod.getSpec().getNodeName());
    return KubeletLocation.target(node, "/portForward/"
        + KubeletLocation.segment(pod.getMetadata().getNamespace()) + "/" + KubeletLocation.segment(r.name()));
  }

  // ---------------- watch ----------------

  /** Starts a watch into {@code sink}; ApiException when the request is refused (e.g. too old a resourceVersion). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Watcher watch(RestRequest req, RestPath.Resource r, WatchSink sink) {
    ResourceKind kind = r.kind();
    String labels = req.param("labelSelector");
    String fields = req.param("fieldSelector");
    if (!r.collection()) {
      String byName = "metadata.name=" + r.name();
      fields = fields.isEmpty() ? byName : fields + "," + byName;
    }
    boolean bookmarks = req.flag("allowWatchBookmarks");
    boolean initialEnd = req.flag("sendInitialEvents") && bookmarks;
    return registry.watch(kind, new ListOptions(namespace(kind, r), labels, fields, 0, ""), req.param("resourceVersion"),
        initialEnd, bookmarks, sink);
  }

  /**
   * {@link #watchEvent} as UTF-8, shared by every watcher sending the same event of the same
   * object in JSON (a Table row is not shared: its AGE cell is as of the moment it is sent).
   */
  public byte[] watchEventBytes(RestRequest req, ResourceKind<?> kind, String type, Message object) {
    if (type.equals("BOOKMARK") || ServerTable.wanted(req.accept())) {
      return watchEvent(req, kind, type, object).getBytes(StandardCharsets.UTF_8);
    }
    return watchLines.line(type, object, () -> watchEvent(req, kind, type, object));
  }

  /** A watch line of events.k8s.io/v1 Events (the stored core/v1 Event converted). */
  public String eventsV1WatchEvent(RestRequest req, String type, Message object) {
    return eventsV1.watchLine(req, type, (io.svclab.api.v1.Event) object);
  }

  /** One watch event line: {@code {"type":"ADDED","object":{...}}}, the object as a one-row Table when asked. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public String watchEvent(RestRequest req, ResourceKind kind, String type, Message object) {
    if (ServerTable.wanted(req.accept()) && !type.equals("BOOKMARK")) {
      return ServerTable.watchLine(type, ServerTable.json(kind, List.of(object), kind.meta(object).getResourceVersion(),
          "", clock.instant()));
    }
    JsonObject e = new JsonObject();
    e.addProperty("type", type);
    e.add("object", KubeJson.encode(kind.withTypeMeta(object)));
    return e + "\n";
  }

  /** The ERROR event a watch ends with when it fell out of the window: 410 Expired, as Kubernetes. */
  public static String expiredEvent(long requested, long oldest) {
    return errorEvent(ApiException.expired("too old resource version: " + requested + " (" + oldest + ")"));
  }

  /** {@code {"type":"ERROR","object":<metav1.Status>}}: how a watch stream reports a failure. */
  public static String errorEvent(ApiException error) {
    JsonObject e = new JsonObject();
    e.addProperty("type", "ERROR");
    e.add("object", StatusErrors.status(error));
    return e + "\n";
  }
}
