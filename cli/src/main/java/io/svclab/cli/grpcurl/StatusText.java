package io.svclab.cli.grpcurl;

import com.google.protobuf.Any;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/** grpcurl's texts for a call's outcome and metadata (format.go {@code PrintStatus}, grpcurl.go {@code MetadataToString}). */
final class StatusText {
  private StatusText() {}

  /** grpc-go's codes.Code.String(): note "Canceled" with one l. */
  static String codeName(Status.Code code) {
    return switch (code) {
      case OK -> "OK";
      case CANCELLED -> "Canceled";
      case UNKNOWN -> "Unknown";
      case INVALID_ARGUMENT -> "InvalidArgument";
      case DEADLINE_EXCEEDED -> "DeadlineExceeded";
      case NOT_FOUND -> "NotFound";
      case ALREADY_EXISTS -> "AlreadyExists";
      case PERMISSION_DENIED -> "PermissionDenied";
      case RESOURCE_EXHAUSTED -> "ResourceExhausted";
      case FAILED_PRECONDITION -> "FailedPrecondition";
      case ABORTED -> "Aborted";
      case OUT_OF_RANGE -> "OutOfRange";
      case UNIMPLEMENTED -> "Unimplemented";
      case INTERNAL -> "Internal";
      case UNAVAILABLE -> "Unavailable";
      case DATA_LOSS -> "DataLoss";
      case UNAUTHENTICATED -> "Unauthenticated";
    };
  }

  /**
   * PrintStatus: {@code ERROR:}, the code and message indented by two, then each detail numbered
   * {@code "  1)"} and a tab before its first line, its other lines after four spaces and a tab.
   */
  static String error(Status.Code code, String message, List<Any> details, Function<Any, String> format) {
    if (code == Status.Code.OK) {
      return "OK\n";
    }
    StringBuilder b = new StringBuilder("ERROR:\n  Code: ").append(codeName(code)).append("\n  Message: ")
        .append(message == null ? "" : message).append('\n');
    if (!details.isEmpty()) {
      b.append("  Details:\n");
      for (int i = 0; i < details.size(); i++) {
        String prefix = "  " + (i + 1) + ")";
        b.append(prefix).append('\t');
        String indent = " ".repeat(prefix.length()) + "\t";
        String[] lines;
        try {
          lines = format.apply(details.get(i)).split("\n", -1);
        } catch (RuntimeException e) {
          b.append("Error parsing detail message: ").append(e.getMessage()).append('\n');
          continue;
        }
        for (int l = 0; l < lines.length; l++) {
          b.append(l == 0 ? "" : indent).append(lines[l]).append('\n');
        }
      }
    }
    return b.toString();
  }

  /** MetadataToString: "(empty)", or "key: value" lines sorted by key, binary values base64. */
  static String metadata(Metadata md) {
    TreeMap<String, List<String>> sorted = new TreeMap<>();
    if (md != null) {
      for (String key : md.keys()) {
        List<String> values = new ArrayList<>();
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          md.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))
              .forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
        } else {
          md.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)).forEach(values::add);
        }
        sorted.put(key, values);
      }
    }
    if (sorted.isEmpty()) {
      return "(empty)";
    }
    List<String> lines = new ArrayList<>();
    sorted.forEach((k, vs) -> vs.forEach(v -> lines.add(k + ": " + v)));
    return String.join("\n", lines);
  }
}
