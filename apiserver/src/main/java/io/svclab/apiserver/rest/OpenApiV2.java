package io.svclab.apiserver.rest;

import com.google.gson.JsonObject;
import io.svclab.apiserver.openapi.OpenApiSchemas;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;

/**
 * {@code /openapi/v2}: the Swagger 2.0 document of every kind, generated from the same model as
 * {@link OpenApiV3} (paths with {@code x-kubernetes-group-version-kind}, definitions under Kubernetes'
 * names with its descriptions and the patch-strategy extensions). Served as JSON; the protobuf form
 * (gnostic's {@code openapi_v2.Document}) has no Java library, so that media type alone is 406.
 */
public final class OpenApiV2 {
  private OpenApiV2() {}

  /** What client-go's discovery asks for (protobuf only). */
  static final String PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

  /** The document as served: built once, the model does not change while the server runs. */
  static String json() {
    return Cached.JSON;
  }

  private static final class Cached {
    static final String JSON = document().toString();
  }

  public static JsonObject document() {
    JsonObject doc = new JsonObject();
    doc.addProperty("swagger", "2.0");
    JsonObject info = new JsonObject();
    info.addProperty("title", "Kubernetes");
    info.addProperty("version", ServerVersion.GIT_VERSION);
    doc.add("info", info);
    doc.add("paths", OpenApiV3.paths(OpenApiSchemas.Flavor.V2, ResourceKinds.ALL, true));
    JsonObject definitions = new JsonObject();
    OpenApiV3.definitions(OpenApiSchemas.Flavor.V2, ResourceKinds.ALL, true).forEach(definitions::add);
    doc.add("definitions", definitions);
    return doc;
  }

  /**
   * Whether an Accept header takes JSON: kube-apiserver answers 406 when none of the listed types is one it
   * serves; here that is every list naming only the protobuf form.
   */
  static boolean acceptsJson(String accept) {
    if (accept.isBlank()) {
      return true;
    }
    return List.of(accept.split(",")).stream().map(a -> a.split(";")[0].trim())
        .anyMatch(t -> t.equals("application/json") || t.equals("*/*") || t.equals("application/*"));
  }
}
