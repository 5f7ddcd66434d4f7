package io.svclab.apiserver.rest;

import com.google.gson.JsonObject;

/** {@code /version}: the Kubernetes version whose API this front door speaks (kubectl warns beyond one minor of skew). */
public final class ServerVersion {
  private ServerVersion() {}

  public static final String MAJOR = "1";
  public static final String MINOR = "32";
  public static final String GIT_VERSION = "v1.32.0-svclab";

  public static JsonObject json() {
    JsonObject o = new JsonObject();
    o.addProperty("major", MAJOR);
    o.addProperty("minor", MINOR);
    o.addProperty("gitVersion", GIT_VERSION);
    o.addProperty("gitCommit", "");
    o.addProperty("gitTreeState", "clean");
    o.addProperty("buildDate", "1970-01-01T00:00:00Z");
    o.addProperty("goVersion", "java" + Runtime.version().feature());
    o.addProperty("compiler", "svclab");
    o.addProperty("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
    return o;
  }
}
