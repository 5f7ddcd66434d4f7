package io.svclab.apiserver.rest;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A whole (non-streaming) answer: HTTP code, body, Kubernetes {@code Warning} headers and the media type
 * (null: {@code application/json} for a JSON body, else text).
 */
public record RestResponse(int code, byte[] body, List<String> warnings, String contentType) {
  public RestResponse(int code, String body, List<String> warnings) {
    this(code, body, warnings, null);
  }

  public RestResponse(int code, String body, List<String> warnings, String contentType) {
    this(code, body.getBytes(StandardCharsets.UTF_8), warnings, contentType);
  }

  public static RestResponse json(int code, JsonObject body) {
    return new RestResponse(code, body.toString(), List.of());
  }

  public RestResponse withWarnings(List<String> w) {
    return new RestResponse(code, body, w, contentType);
  }

  /** Whether the body is a JSON object (the media type when none is named). */
  boolean jsonBody() {
    return body.length > 0 && body[0] == '{';
  }
}
