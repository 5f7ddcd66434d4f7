package io.svclab.apiserver.validation;

import java.util.List;

/**
 * How a kind's metadata.name is checked (Kubernetes' ValidateNameFunc). {@code prefix} is true
 * for generateName, whose trailing dash is allowed because a random suffix follows.
 */
public enum NameRule {
  DNS_SUBDOMAIN {
    @Override
    public List<String> check(String name, boolean prefix) {
      return NameValidation.dns1123Subdomain(prefix ? maskTrailingDash(name) : name);
    }
  },
  DNS_LABEL {
    @Override
    public List<String> check(String name, boolean prefix) {
      return NameValidation.dns1123Label(prefix ? maskTrailingDash(name) : name);
    }
  },
  DNS_1035_LABEL {
    @Override
    public List<String> check(String name, boolean prefix) {
      return NameValidation.dns1035Label(prefix ? maskTrailingDash(name) : name);
    }
  },
  PATH_SEGMENT {
    @Override
    public List<String> check(String name, boolean prefix) {
      return NameValidation.pathSegmentName(name, prefix);
    }
  };

  public abstract List<String> check(String name, boolean prefix);

  private static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }
}
