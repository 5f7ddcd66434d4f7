package io.svclab.apiserver.rest;

import java.util.List;
import java.util.Map;

/** One HTTP request as the REST front door sees it, off the wire. */
public record RestRequest(String method, String path, Map<String, List<String>> query, String accept,
    String contentType, String authorization, String userAgent, byte[] body) {

  /** The first value of a query parameter, or "" when absent. */
  public String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  public boolean flag(String name) {
    String v = param(name);
    return v.equals("true") || v.equals("1");
  }
}
