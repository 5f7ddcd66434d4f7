package io.svclab.client.tables;

import java.time.Duration;

/** kubectl's AGE column (apimachinery duration.HumanDuration). */
public final class HumanDuration {
  private HumanDuration() {}

  public static String of(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 192) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    long days = hours / 24;
    if (days < 365 * 2) {
      return days + "d";
    }
    return days / 365 + "y";
  }
}
