package io.svclab.cli.grpcurl;

import io.svclab.cli.grpcurl.GoFlagSet.Kind;

/**
 * The flags {@code ./lab grpcurl} defines: grpcurl's names and meanings for the ones it implements,
 * and grpcurl's TLS flags, which it recognises only to say it speaks plaintext only. Any other
 * grpcurl flag (-protoset, -proto, -alts, ...) is "not defined" here, as Go's flag package says.
 */
final class GrpcurlFlags {
  static final String ARGV0 = "./lab grpcurl";

  static final String PLAINTEXT_ONLY = ARGV0 + " speaks plaintext only (the lab serves gRPC without TLS): "
      + "use -plaintext, and none of -insecure, -cacert, -cert, -key, -servername.";

  private GrpcurlFlags() {}

  static GoFlagSet define() {
    return new GoFlagSet()
        .define("help", Kind.BOOL, "Print usage instructions and exit.", "")
        .define("version", Kind.BOOL, "Print version.", "")
        .define("plaintext", Kind.BOOL, "Use plain-text HTTP/2 when connecting to server (no TLS). Required:\n"
            + "the lab serves gRPC without TLS.", "")
        .define("insecure", Kind.BOOL, "grpcurl's TLS flag; refused: " + ARGV0 + " speaks plaintext only.", "")
        .define("cacert", Kind.STRING, "grpcurl's TLS flag; refused: " + ARGV0 + " speaks plaintext only.", "")
        .define("cert", Kind.STRING, "grpcurl's TLS flag; refused: " + ARGV0 + " speaks plaintext only.", "")
        .define("key", Kind.STRING, "grpcurl's TLS flag; refused: " + ARGV0 + " speaks plaintext only.", "")
        .define("servername", Kind.STRING, "grpcurl's TLS flag; refused: " + ARGV0 + " speaks plaintext only.", "")
        .define("H", Kind.LIST, "Additional headers in 'name: value' format, sent with the call and with\n"
            + "reflection requests. May be repeated.", "")
        .define("rpc-header", Kind.LIST, "Like -H, but sent only with the call, not with reflection requests.", "")
        .define("reflect-header", Kind.LIST, "Like -H, but sent only with reflection requests.", "")
        .define("d", Kind.STRING, "Data for request contents. If the value is '@' the request contents are\n"
            + "read from stdin. Several messages may be concatenated (streaming calls).", "")
        .define("format", Kind.STRING, "The format of request data and responses: 'json' or 'text'. Text\n"
            + "messages are separated by the record separator 0x1E.", "json")
        .define("emit-defaults", Kind.BOOL, "Emit default values for JSON-encoded responses.", "")
        .define("allow-unknown-fields", Kind.BOOL, "Ignore unknown fields in JSON request data.", "")
        .define("connect-timeout", Kind.FLOAT, "The maximum time, in seconds, to wait for the connection to be\n"
            + "established. Defaults to 10 seconds.", "")
        .define("max-time", Kind.FLOAT, "The maximum total time the operation can take, in seconds (0: no\n"
            + "limit, e.g. for Watch streams).", "")
        .define("max-msg-sz", Kind.INT, "The maximum encoded size of a response message, in bytes. Defaults to\n"
            + "4,194,304 (4 megabytes).", "")
        .define("v", Kind.BOOL, "Enable verbose output.", "");
  }

  /** grpcurl's usage(): the synopsis, what the positional words mean, then flag.PrintDefaults. */
  static String usage() {
    return "Usage:\n\t" + ARGV0 + " [flags] [address] [list|describe] [symbol]\n\n"
        + ARGV0 + " is grpcurl's everyday subset, over server reflection and plaintext HTTP/2 only.\n\n"
        + "If 'list' is indicated, the symbol (if present) should be a fully-qualified\n"
        + "service name. If present, all methods of that service are listed. If not\n"
        + "present, all exposed services are listed.\n\n"
        + "If 'describe' is indicated, the descriptor for the given symbol is shown as\n"
        + "proto source. If no symbol is given, all exposed services are described.\n\n"
        + "If neither verb is present, the symbol must be a fully-qualified method name in\n"
        + "'service/method' or 'service.method' format, invoked with the request body\n"
        + "given by -d (an empty message when there is none).\n\n"
        + "Available flags:\n" + define().defaults();
  }
}
