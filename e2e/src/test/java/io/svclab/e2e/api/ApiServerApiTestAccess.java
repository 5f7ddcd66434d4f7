package io.svclab.e2e.api;

import io.svclab.api.v1.Service;

/** Lets tests in other packages build the same sample Service. */
public final class ApiServerApiTestAccess {
  private ApiServerApiTestAccess() {}

  public static Service svc(String name) {
    return ApiServerApiTest.svc(name, null, 0);
  }
}
