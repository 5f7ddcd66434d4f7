package io.svclab.endpoints.slices;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.ObjectMeta;
import java.util.List;

/**
 * What differs between the slices of a Service (endpointslice controller) and the slices
 * mirrored from an Endpoints object (mirroring controller); the planner is the same.
 */
public interface SliceTemplate {

  /** A new, empty slice: generateName, namespace, labels, owner. */
  EndpointSlice newSlice(List<EndpointSlicePort> ports, String addressType);

  /** The metadata an existing slice should carry, and whether that difference alone is worth a write. */
  MetadataSync syncMetadata(ObjectMeta existing);

  /** Whether an existing slice may be rewritten, rather than deleted, for this owner. */
  boolean owns(EndpointSlice slice);

  /** Whether an owner with no endpoints at all keeps one empty slice. */
  boolean keepsPlaceholder();

  /** Desired metadata for an existing slice, and whether it differs in a way that needs a write. */
  record MetadataSync(ObjectMeta metadata, boolean changed) {}
}
