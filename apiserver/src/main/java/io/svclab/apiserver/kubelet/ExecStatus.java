package io.svclab.apiserver.kubelet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * What the error channel (3) of an exec stream carries at the end, as kubelet writes it: a
 * {@code metav1.Status} of Success, or Failure with reason {@code NonZeroExitCode} and the code as
 * an {@code ExitCode} cause, from which kubectl prints {@code command terminated with exit code N}
 * and exits N.
 */
public final class ExecStatus {
  private ExecStatus() {}

  public static JsonObject of(List<String> command, int exitCode) {
    JsonObject s = new JsonObject();
    s.add("metadata", new JsonObject());
    if (exitCode == 0) {
      s.addProperty("status", "Success");
      return s;
    }
    s.addProperty("status", "Failure");
    s.addProperty("message", "command terminated with non-zero exit code: error executing command "
        + "[" + String.join(" ", command) + "], exit code " + exitCode);
    s.addProperty("reason", "NonZeroExitCode");
    JsonObject cause = new JsonObject();
    cause.addProperty("reason", "ExitCode");
    cause.addProperty("message", Integer.toString(exitCode));
    JsonArray causes = new JsonArray();
    causes.add(cause);
    JsonObject details = new JsonObject();
    details.add("causes", causes);
    s.add("details", details);
    return s;
  }

  /** A failure that is not the command's exit (the container went away, the node did not answer). */
  public static JsonObject failure(String message) {
    JsonObject s = new JsonObject();
    s.add("metadata", new JsonObject());
    s.addProperty("status", "Failure");
    s.addProperty("message", message);
    s.addProperty("reason", "InternalError");
    s.addProperty("code", 500);
    return s;
  }
}
