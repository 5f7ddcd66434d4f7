package io.svclab.apiserver.rest;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * A whole (non-streaming) answer: HTTP code, body, Kubernetes {@code Warning} headers and the media type
 * (null: {@code application/json} for a JSON body, else text).
 */
public record RestResponse(int code, String body, List<String> warnings, String contentType) {
  public RestResponse(int code, String body, List<String> warnings) {
    this(code, body, warnings, null);
  }

  public static RestResponse json(int code, JsonObject body) {
    return new RestResponse(code, body.toString(), List.of());
  }

  public RestResponse withWarnings(List<String> w) {
    return new RestResponse(code, body, w, contentType);
  }
}
