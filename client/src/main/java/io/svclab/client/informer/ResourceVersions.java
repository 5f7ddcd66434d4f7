package io.svclab.client.informer;

import java.math.BigInteger;

/**
 * Ordering of resourceVersions. The apiserver promises one cluster-wide decimal counter, so
 * versions compare numerically; an empty or unparsable version is treated as "before
 * everything" so that a real version always wins over it.
 */
public final class ResourceVersions {
  private ResourceVersions() {}

  /** True when {@code candidate} is strictly newer than {@code current}. */
  public static boolean isNewer(String candidate, String current) {
    return compare(candidate, current) > 0;
  }

  public static int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }

  private static BigInteger parse(String rv) {
    if (rv == null || rv.isEmpty()) {
      return BigInteger.ONE.negate();
    }
    try {
      return new BigInteger(rv);
    } catch (NumberFormatException e) {
      return BigInteger.ONE.negate();
    }
  }
}
