package io.svclab.cli.manifest;

/** One manifest as read: where it came from (a path, or {@code STDIN}) and its text. */
public record ManifestFile(String source, String text) {}
