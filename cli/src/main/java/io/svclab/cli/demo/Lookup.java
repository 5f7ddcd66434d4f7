package io.svclab.cli.demo;

import java.util.ArrayList;
import java.util.List;

/** One name resolved: the name that answered, its CNAME, its addresses (or the rcode that said no). */
public record Lookup(String query, String answeredName, String rcode, String cname, List<String> addresses) {
  public boolean found() {
    return !addresses.isEmpty() || !cname.isEmpty();
  }

  /**
   * What {@code nslookup NAME} printed (busybox's or bind's layout): {@code Name:}/{@code Address:}
   * pairs after the server's own two lines, {@code canonical name =} for a CNAME, or
   * {@code ** server can't find NAME: RCODE}; no rcode when it printed neither (a timed-out server).
   */
  public static Lookup fromNslookup(String query, String stdout) {
    String answered = "";
    String cname = "";
    String rcode = "";
    List<String> addresses = new ArrayList<>();
    boolean inAnswer = false;
    for (String line : stdout.split("\n")) {
      if (line.startsWith("** server can't find ")) {
        int colon = line.lastIndexOf(": ");
        rcode = colon < 0 ? "" : line.substring(colon + 2).trim();
      } else if (line.contains("\tcanonical name = ")) {
        answered = answered.isEmpty() ? line.substring(0, line.indexOf('\t')) : answered;
        String target = line.substring(line.indexOf(" = ") + 3).trim();
        cname = target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
      } else if (line.startsWith("Name:")) {
        inAnswer = true;
        rcode = rcode.isEmpty() ? "NOERROR" : rcode;
        answered = answered.isEmpty() ? line.substring("Name:".length()).trim() : answered;
      } else if (inAnswer && line.startsWith("Address:")) {
        addresses.add(line.substring("Address:".length()).trim());
      }
    }
    return new Lookup(query, answered, rcode, cname, List.copyOf(addresses));
  }
}
