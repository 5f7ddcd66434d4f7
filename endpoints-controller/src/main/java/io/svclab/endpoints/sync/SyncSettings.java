package io.svclab.endpoints.sync;

import io.svclab.endpoints.mirroring.EndpointSliceMirror;
import io.svclab.endpoints.slices.EndpointSliceReconciler;

/**
 * @param maxEndpointsPerSlice  --max-endpoints-per-slice (Kubernetes' default 100)
 * @param maxMirroredPerSubset  --mirroring-max-endpoints-per-subset (Kubernetes' default 1000)
 */
public record SyncSettings(int maxEndpointsPerSlice, int maxMirroredPerSubset) {
  public static SyncSettings defaults() {
    return new SyncSettings(EndpointSliceReconciler.DEFAULT_MAX_ENDPOINTS_PER_SLICE,
        EndpointSliceMirror.DEFAULT_MAX_ENDPOINTS_PER_SUBSET);
  }
}
