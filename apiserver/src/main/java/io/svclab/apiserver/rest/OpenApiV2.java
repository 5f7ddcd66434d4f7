package io.svclab.apiserver.rest;

import com.google.gson.JsonObject;
import io.svclab.apiserver.openapi.OpenApiSchemas;
import io.svclab.apiserver.openapi.SwaggerProtobuf;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;

/**
 * {@code /openapi/v2}: the Swagger 2.0 document of every kind, generated from the same model as
 * {@link OpenApiV3} (paths with {@code x-kubernetes-group-version-kind}, definitions under Kubernetes'
 * names with its descriptions and the patch-strategy extensions). Served as JSON, or as gnostic's
 * {@code openapi_v2.Document} in protobuf ({@link SwaggerProtobuf}, from the same JSON) to a client that
 * asks for {@link #PROTOBUF} (client-go's discovery, kubectl's {@code explain --output=plaintext-openapiv2}).
 */
public final class OpenApiV2 {
  private OpenApiV2() {}

  /** What client-go's discovery asks for (protobuf only). */
  static final String PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
  /**
   * The same type as kube-openapi names it in its answer (Go's {@code mime.ParseMediaType}, which
   * client-go runs on the Content-Type, refuses the {@code @}); also accepted in Accept.
   */
  static final String PROTOBUF_CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

  /** The document as served: built once, the model does not change while the server runs. */
  static String json() {
    return Cached.JSON;
  }

  /** The document in protobuf, built once as the JSON is. */
  static byte[] protobuf() {
    return Cached.PROTOBUF_BYTES;
  }

  private static final class Cached {
    static final JsonObject DOCUMENT = document();
    static final String JSON = DOCUMENT.toString();
    static final byte[] PROTOBUF_BYTES = SwaggerProtobuf.document(DOCUMENT).toByteArray();
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
    return accept.isBlank() || accepts(accept).stream()
        .anyMatch(t -> t.equals("application/json") || t.equals("*/*") || t.equals("application/*"));
  }

  /**
   * Whether the protobuf form is the answer: the first media type of the Accept list this server
   * serves is it (client-go asks for it alone, or first with JSON after it).
   */
  static boolean prefersProtobuf(String accept) {
    for (String t : accepts(accept)) {
      if (t.equals(PROTOBUF) || t.equals(PROTOBUF_CONTENT_TYPE)) {
        return true;
      }
      if (t.equals("application/json") || t.equals("*/*") || t.equals("application/*")) {
        return false;
      }
    }
    return false;
  }

  private static List<String> accepts(String accept) {
    return List.of(accept.split(",")).stream().map(a -> a.split(";")[0].trim()).toList();
  }
}
