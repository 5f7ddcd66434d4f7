package io.svclab.client.json;

/** A body that is not the JSON of the object it claims to be, in the words of Go's encoding/json. */
public final class KubeJsonException extends IllegalArgumentException {
  public KubeJsonException(String message) {
    super(message);
  }
}
