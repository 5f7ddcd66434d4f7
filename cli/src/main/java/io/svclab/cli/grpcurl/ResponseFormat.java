package io.svclab.cli.grpcurl;

import com.google.protobuf.Any;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TextFormat;

/** grpcurl's formatter (format.go): JSON indented by two spaces, or the protobuf text format. */
interface ResponseFormat {
  /** @param separated text format only: after the first message, a record separator (0x1E) comes first */
  String message(DynamicMessage m, boolean separated);

  String detail(Any detail);

  record Json(ProtoJson json) implements ResponseFormat {
    @Override
    public String message(DynamicMessage m, boolean separated) {
      return GoJson.indent(json.compact(m));
    }

    @Override
    public String detail(Any detail) {
      return GoJson.indent(json.any(detail.getTypeUrl(), detail.getValue()));
    }
  }

  /** protobuf-java's text printer: the same text format, not byte-for-byte grpcurl's (see README). */
  record Text() implements ResponseFormat {
    /** Held so the setting stays: TextFormat logs every map entry of a DynamicMessage at INFO. */
    static final java.util.logging.Logger TEXT_FORMAT_LOG = quiet();

    private static java.util.logging.Logger quiet() {
      java.util.logging.Logger log = java.util.logging.Logger.getLogger(TextFormat.class.getName());
      log.setLevel(java.util.logging.Level.WARNING);
      return log;
    }

    @Override
    public String message(DynamicMessage m, boolean separated) {
      String text = TextFormat.printer().printToString(m);
      return (separated ? "\u001e" : "") + (text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
    }

    @Override
    public String detail(Any detail) {
      String text = TextFormat.printer().printToString(detail);
      return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
  }
}
