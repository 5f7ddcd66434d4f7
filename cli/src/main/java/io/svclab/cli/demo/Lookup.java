package io.svclab.cli.demo;

import java.util.List;

/** One name resolved the way a pod's resolver does it: the name that answered, its CNAME, its addresses. */
public record Lookup(String query, String answeredName, String rcode, String cname, List<String> addresses) {
  public boolean found() {
    return !addresses.isEmpty() || !cname.isEmpty();
  }
}
