package io.svclab.apiserver.registry;

import io.svclab.apiserver.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code continue} value: where the previous page ended, as Kubernetes encodes it (base64 JSON). */
final class ContinueToken {
  private ContinueToken() {}

  static String encode(long revision, String lastKey) {
    String json = "{\"v\":\"meta.k8s.io/v1\",\"rv\":" + revision + ",\"start\":\"" + lastKey.replace("\"", "") + "\"}";
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The key to continue after. */
  static String decode(String token) {
    try {
      String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int i = json.indexOf("\"start\":\"");
      if (i < 0) {
        throw new IllegalArgumentException();
      }
      int from = i + 9;
      return json.substring(from, json.indexOf('"', from));
    } catch (RuntimeException e) {
      throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
