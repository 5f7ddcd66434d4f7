package io.svclab.cli.manifest;

/** A manifest that cannot be used, worded as kubectl words it; nothing of the batch was sent. */
public final class ManifestError extends Exception {
  public ManifestError(String message) {
    super(message);
  }
}
