package io.svclab.apiserver.rest;

import com.google.gson.JsonObject;
import java.util.List;

/** A whole (non-streaming) answer: HTTP code, JSON body, and Kubernetes {@code Warning} headers. */
public record RestResponse(int code, String body, List<String> warnings) {
  public static RestResponse json(int code, JsonObject body) {
    return new RestResponse(code, body.toString(), List.of());
  }

  public RestResponse withWarnings(List<String> w) {
    return new RestResponse(code, body, w);
  }
}
