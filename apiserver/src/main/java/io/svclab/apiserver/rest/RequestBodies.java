package io.svclab.apiserver.rest;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.io.EOFException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A create/update body before it is decoded into the model, checked as kube-apiserver's decoder
 * checks it: the request-size limit, JSON or YAML syntax, and whether the {@code apiVersion}/{@code
 * kind} it names can be handled by the resource of the URL. Each refusal carries Kubernetes' words
 * ({@code transformDecodeError}, the scheme's "no kind is registered", the converter's "unknown
 * conversion").
 */
public final class RequestBodies {
  /** Kubernetes' request body limit (the apiserver's MaxRequestBodyBytes). */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;
  /** Where kube-apiserver's scheme is declared; its errors name it. */
  static final String SCHEME = "pkg/api/legacyscheme/scheme.go:30";
  private static final Gson GSON = new Gson();

  private RequestBodies() {}

  /** The 413 kube-apiserver answers for a body over the limit ({@code NewRequestEntityTooLargeError}). */
  public static JsonObject tooLarge() {
    return StatusErrors.failure(413, "RequestEntityTooLarge", "Request entity too large: limit is " + MAX_BODY_BYTES);
  }

  /**
   * The body as a JSON object, parsed as its Content-Type says (JSON, or YAML converted to JSON),
   * or a BadRequest as {@code transformDecodeError} words it when the data is no object at all.
   */
  public static JsonObject parse(String contentType, byte[] body, ResourceKind<?> expected) {
    String ct = contentType.split(";")[0].trim();
    String text = new String(body, StandardCharsets.UTF_8);
    JsonElement tree;
    if (ct.equals("application/yaml")) {
      try {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        tree = GSON.toJsonTree(doc);
      } catch (RuntimeException e) {
        throw unrecognized(expected, "error converting YAML to JSON: yaml: "
            + firstLine(e.getMessage()), body);
      }
    } else {
      if (text.isBlank()) {
        throw unrecognized(expected, "couldn't get version/kind; json parse error: unexpected end of JSON input", body);
      }
      try {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        tree = JsonParser.parseReader(reader);
        if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
          throw new com.google.gson.JsonSyntaxException("invalid character after top-level value");
        }
      } catch (Exception e) {
        throw unrecognized(expected, "couldn't get version/kind; json parse error: " + goJsonError(e, text), body);
      }
    }
    if (tree == null || !tree.isJsonObject()) {
      String type = tree == null || tree.isJsonNull() ? "null" : tree.isJsonArray() ? "array"
          : tree.getAsJsonPrimitive().isString() ? "string" : tree.getAsJsonPrimitive().isBoolean() ? "bool" : "number";
      if (type.equals("null")) {
        throw unrecognized(expected, "Object 'Kind' is missing in '" + new String(body, StandardCharsets.UTF_8).trim()
            + "'", body);
      }
      throw unrecognized(expected, "couldn't get version/kind; json parse error: json: cannot unmarshal " + type
          + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string "
          + "\"json:\\\"kind,omitempty\\\"\" }", body);
    }
    return tree.getAsJsonObject();
  }

  /**
   * Empty when the data's {@code apiVersion}/{@code kind} (each defaulted from the URL when
   * absent, as kube-apiserver defaults them) is the URL's resource; else Kubernetes' message for
   * why it cannot be handled there.
   */
  public static Optional<String> kindMismatch(ResourceKind<?> expected, String apiVersion, String kind) {
    String gv = apiVersion.isEmpty() ? expected.apiVersion() : apiVersion;
    String k = kind.isEmpty() ? expected.kind() : kind;
    if (gv.equals(expected.apiVersion()) && k.equals(expected.kind())) {
      return Optional.empty();
    }
    String version = gv.contains("/") ? gv.substring(gv.indexOf('/') + 1) : gv;
    String prefix = k + " in version \"" + version + "\" cannot be handled as a " + expected.kind() + ": ";
    Optional<ResourceKind<?>> registered = registered(gv, k);
    if (registered.isEmpty()) {
      return Optional.of(prefix + "no kind \"" + k + "\" is registered for version \"" + gv + "\" in scheme \""
          + SCHEME + "\"");
    }
    if (internalType(registered.get()).equals(internalType(expected))) {
      // one internal type served in two groups (core/v1 and events.k8s.io/v1 Events): it decodes, then the group is wrong
      return Optional.of("the API version in the data (" + gv + ") does not match the expected API version ("
          + expected.apiVersion() + ")");
    }
    return Optional.of(prefix + "converting (" + version + "." + k + ") to (" + internalType(expected)
        + "): unknown conversion");
  }

  private static Optional<ResourceKind<?>> registered(String apiVersion, String kind) {
    return ResourceKinds.ALL.stream().filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind))
        .findFirst();
  }

  /** The Go type kube-apiserver decodes into: {@code core.Service}, {@code apps.Deployment}, ... */
  private static final Map<String, String> INTERNAL_PACKAGES = Map.of("", "core", "apps", "apps",
      "discovery.k8s.io", "discovery", "coordination.k8s.io", "coordination", "events.k8s.io", "core");

  static String internalType(ResourceKind<?> kind) {
    return INTERNAL_PACKAGES.getOrDefault(kind.group(), kind.group()) + "." + kind.kind();
  }

  /** kube-apiserver's {@code transformDecodeError} for data it cannot recognize at all. */
  public static ApiException unrecognized(ResourceKind<?> expected, String error, byte[] body) {
    return ApiException.badRequest("the object provided is unrecognized (must be of type " + expected.kind() + "): "
        + error + " (" + summarize(body) + ")");
  }

  /** kube-apiserver's {@code summarizeData(body, 30)}: JSON-looking bodies as text, others in hex. */
  static String summarize(byte[] data) {
    if (data.length == 0) {
      return "<empty>";
    }
    int n = Math.min(data.length, 30);
    String head = data[0] == '{' ? new String(data, 0, n, StandardCharsets.UTF_8)
        : HexFormat.of().formatHex(data, 0, n);
    return data.length > 30 ? head + " ..." : head;
  }

  /** Go's encoding/json wording where it is unambiguous; Gson's otherwise. */
  private static String goJsonError(Exception e, String text) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = String.valueOf(t.getMessage());
    // a string can only be left open by the end of the data (a raw newline in it is refused earlier)
    if (t instanceof EOFException || m.startsWith("End of input") || m.startsWith("Unterminated string")) {
      return "unexpected end of JSON input";
    }
    java.util.regex.Matcher at = java.util.regex.Pattern.compile("line (\\d+) column (\\d+)").matcher(m);
    if (at.find() && at.group(1).equals("1")) {
      int column = Integer.parseInt(at.group(2));
      int offset = column - 1;
      if (offset >= 0 && offset < text.length() && text.substring(0, offset).isBlank()) {
        return "invalid character '" + text.charAt(offset) + "' looking for beginning of value";
      }
    }
    // Gson's advice to parse leniently is no part of the error
    return firstLine(m).replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    List<String> lines = s.lines().toList();
    return lines.isEmpty() ? "" : lines.get(0).trim();
  }
}
