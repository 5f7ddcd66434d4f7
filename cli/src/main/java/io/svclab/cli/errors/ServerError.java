package io.svclab.cli.errors;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kubectl prints for a failed API call (cmdutil.CheckErr): {@code Error from server
 * (NotFound): services "web" not found}, or for Invalid {@code The Service "bad" is invalid:
 * ...} with one {@code * cause} line per field when there are several. Every verb prints
 * through this, so they all speak the apiserver's words the same way.
 */
public final class ServerError {
  private static final Pattern INVALID = Pattern.compile("^(\\S+ \".*\" is invalid): (.*)$", Pattern.DOTALL);
  private static final Map<Status.Code, String> REASONS = Map.of(
      Status.Code.NOT_FOUND, "NotFound", Status.Code.ALREADY_EXISTS, "AlreadyExists", Status.Code.ABORTED, "Conflict",
      Status.Code.INVALID_ARGUMENT, "Invalid", Status.Code.OUT_OF_RANGE, "Expired", Status.Code.PERMISSION_DENIED, "Forbidden",
      Status.Code.DEADLINE_EXCEEDED, "Timeout", Status.Code.RESOURCE_EXHAUSTED, "TooManyRequests",
      Status.Code.INTERNAL, "InternalError", Status.Code.FAILED_PRECONDITION, "Conflict");

  private ServerError() {}

  /** The message for a gRPC failure; {@code server} names the API address for connection errors. */
  public static String message(Throwable t, String server) {
    Status status = Status.fromThrowable(t);
    com.google.rpc.Status details = StatusProto.fromThrowable(t);
    String reason = null;
    List<String> causes = new ArrayList<>();
    if (details != null) {
      for (com.google.protobuf.Any any : details.getDetailsList()) {
        try {
          if (any.is(ErrorInfo.class)) {
            reason = any.unpack(ErrorInfo.class).getReason();
          } else if (any.is(BadRequest.class)) {
            any.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> causes.add(v.getDescription()));
          }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          // a detail we cannot read adds nothing to the message
        }
      }
    }
    return message(status.getCode(), status.getDescription(), reason, causes, server);
  }

  /** Pure form, for tests: the status code, its description, ErrorInfo reason (or null) and BadRequest causes. */
  public static String message(Status.Code code, String description, String reason, List<String> causes, String server) {
    String text = description == null ? "" : description;
    if (code == Status.Code.UNAVAILABLE) {
      return "The connection to the server " + server + " was refused - did you specify the right host or port?";
    }
    if (code == Status.Code.UNAUTHENTICATED) {
      return "error: You must be logged in to the server (Unauthorized)";
    }
    String why = reason != null && !reason.isEmpty() ? reason : REASONS.get(code);
    if ("Invalid".equals(why)) {
      Matcher m = INVALID.matcher(text);
      if (m.matches()) {
        if (causes.size() > 1) {
          StringBuilder sb = new StringBuilder("The ").append(m.group(1)).append(": ");
          causes.forEach(c -> sb.append("\n* ").append(c));
          return sb.toString();
        }
        return "The " + text;
      }
      return "The request is invalid: " + text;
    }
    return why == null ? "Error from server: " + text : "Error from server (" + why + "): " + text;
  }
}
