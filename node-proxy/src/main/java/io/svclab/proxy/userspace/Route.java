package io.svclab.proxy.userspace;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.util.List;
import java.util.Set;

/**
 * What one listener forwards to at the moment: its Service port, the endpoints a new
 * connection may pick, and every endpoint that still exists (connections to others are closed).
 */
record Route(ServicePortInfo port, EndpointSelector.Traffic traffic, List<Endpoint> candidates, Set<String> existing) {
  String service() {
    return port.name().toString();
  }
}
