package io.svclab.apiserver.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.validation.ErrorType;
import java.util.Map;

/**
 * Kubernetes' {@code metav1.Status} for an {@link ApiException}: the HTTP code Kubernetes uses for
 * each reason, the message, and {@code details} (name, kind, and for Invalid one cause per failing
 * field) from which kubectl prints {@code The Service "bad" is invalid: spec.ports[0].nodePort: ...}.
 */
public final class StatusErrors {
  private StatusErrors() {}

  private static final Map<String, Integer> CODES = Map.ofEntries(
      Map.entry("BadRequest", 400), Map.entry("Unauthorized", 401), Map.entry("Forbidden", 403),
      Map.entry("NotFound", 404), Map.entry("MethodNotAllowed", 405), Map.entry("NotAcceptable", 406),
      Map.entry("AlreadyExists", 409), Map.entry("Conflict", 409), Map.entry("Gone", 410), Map.entry("Expired", 410),
      Map.entry("RequestEntityTooLarge", 413), Map.entry("UnsupportedMediaType", 415), Map.entry("Invalid", 422),
      Map.entry("TooManyRequests", 429), Map.entry("InternalError", 500), Map.entry("ServiceUnavailable", 503),
      Map.entry("Timeout", 504));

  public static int httpCode(String reason) {
    return CODES.getOrDefault(reason, 500);
  }

  public static JsonObject status(ApiException e) {
    JsonObject s = failure(httpCode(e.reason()), e.reason(), e.getMessage());
    ApiException.Details d = e.details();
    if (!d.name().isEmpty() || !d.kind().isEmpty() || !e.violations().isEmpty()) {
      JsonObject details = new JsonObject();
      if (!d.name().isEmpty()) {
        details.addProperty("name", d.name());
      }
      if (!d.group().isEmpty()) {
        details.addProperty("group", d.group());
      }
      if (!d.kind().isEmpty()) {
        details.addProperty("kind", d.kind());
      }
      if (!e.violations().isEmpty()) {
        JsonArray causes = new JsonArray();
        for (Violation v : e.violations()) {
          // the causes of an apply conflict are typed FieldManagerConflict, as NewApplyConflict's
          causes.add(e.reason().equals("Conflict") ? cause(v, "FieldManagerConflict") : cause(v));
        }
        details.add("causes", causes);
      }
      s.add("details", details);
    }
    return s;
  }

  /** A Status with no details: {@code {"kind":"Status","status":"Failure","message":...,"reason":...,"code":...}}. */
  public static JsonObject failure(int code, String reason, String message) {
    JsonObject s = new JsonObject();
    s.addProperty("kind", "Status");
    s.addProperty("apiVersion", "v1");
    s.add("metadata", new JsonObject());
    s.addProperty("status", "Failure");
    s.addProperty("message", message);
    s.addProperty("reason", reason);
    s.addProperty("code", code);
    return s;
  }

  public static JsonObject success() {
    JsonObject s = new JsonObject();
    s.addProperty("kind", "Status");
    s.addProperty("apiVersion", "v1");
    s.add("metadata", new JsonObject());
    s.addProperty("status", "Success");
    return s;
  }

  /** {@code {"reason":"FieldValueInvalid","message":"Invalid value: 80: ...","field":"spec.ports[0].nodePort"}}. */
  static JsonObject cause(Violation v) {
    return cause(v, null);
  }

  /** {@code reason} null: named by the words the message starts with. */
  private static JsonObject cause(Violation v, String knownReason) {
    String prefix = v.field() + ": ";
    String message = v.rendered().startsWith(prefix) ? v.rendered().substring(prefix.length()) : v.rendered();
    String reason = knownReason != null ? knownReason : "FieldValueInvalid";
    for (ErrorType t : ErrorType.values()) {
      if (knownReason == null && message.startsWith(t.words())) {
        reason = t.reason();
        break;
      }
    }
    JsonObject c = new JsonObject();
    c.addProperty("reason", reason);
    c.addProperty("message", message);
    c.addProperty("field", v.field());
    return c;
  }
}
