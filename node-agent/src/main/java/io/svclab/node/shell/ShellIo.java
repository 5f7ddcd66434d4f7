package io.svclab.node.shell;

import java.io.InputStream;
import java.io.OutputStream;

/** A shell's standard streams: what {@code kubectl exec} (or a pipe) connects to it. */
public record ShellIo(InputStream in, OutputStream out, OutputStream err) {}
