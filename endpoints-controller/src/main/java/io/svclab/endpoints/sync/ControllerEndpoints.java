package io.svclab.endpoints.sync;

import io.svclab.api.v1.EndpointsObject;
import io.svclab.endpoints.WellKnownKeys;

/**
 * Whether an Endpoints object was written by this controller. Kubernetes deletes the
 * Endpoints of any deleted Service; svclab also enqueues a Service on Endpoints events, so
 * that rule would delete an Endpoints a user writes before its selectorless Service. The
 * controller always stamps last-change-trigger-time and users do not, so that annotation
 * tells its objects apart.
 */
final class ControllerEndpoints {
  private ControllerEndpoints() {}

  static boolean writtenByController(EndpointsObject endpoints) {
    return endpoints.getMetadata().containsAnnotations(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME)
        && !endpoints.getMetadata().containsAnnotations(WellKnownKeys.ANNOTATION_LEADER);
  }
}
